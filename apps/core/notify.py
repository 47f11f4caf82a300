"""Notifications in the recipient's language. Every message is a key in MESSAGES (Korean and
English templates with {name} placeholders), rendered for the recipient as it is created."""

import re

from django.utils.text import Truncator

from .models import Notification
from .services import notification_create

MESSAGES: dict[str, tuple[str, str]] = {
    "project.transferred": ("{project}의 소유자가 되었습니다", "You now own {project}"),
    "project.member_added": ("{project} 프로젝트에 추가되었습니다", "You were added to {project}"),
    "project.role_changed": ("{project}에서 역할이 변경되었습니다: {role}", "Your role in {project} is now {role}"),
    "invitation.received": ("{project} 프로젝트에 초대되었습니다", "You were invited to {project}"),
    "invitation.accepted": ("{person}님이 {project} 초대를 수락했습니다", "{person} joined {project}"),
    "version.ready": ("{asset} v{n}을(를) 검토할 수 있습니다", "{asset} v{n} is ready for review"),
    "version.failed": ("{asset} v{n} 처리 실패: {reason}", "{asset} v{n} failed: {reason}"),
    "version.review.approved": ("{asset} v{n}이(가) 승인되었습니다", "{asset} v{n} was approved"),
    "version.review.changes_requested": ("{asset} v{n}에 수정 요청이 있습니다", "Changes requested on {asset} v{n}"),
    "version.review.in_review": ("{asset} v{n}이(가) 다시 검토 중입니다", "{asset} v{n} is back in review"),
    "feedback.mentioned": ("{author}님이 {where}에서 회원님을 언급했습니다", "{author} mentioned you on {where}"),
    "feedback.replied": (
        "{author}님이 {where} 코멘트에 답글을 남겼습니다",
        "{author} replied to your comment on {where}",
    ),
    "ai_job.awaiting_approval": (
        "{project}: 승인이 필요한 AI 작업이 있습니다",
        "{project}: an AI job is waiting for your approval",
    ),
    "ai_job.needs_attention": (
        "{project}: AI 작업이 여러 번 실패했습니다. 확인이 필요합니다",
        "{project}: an AI job failed repeatedly and needs attention",
    ),
    "plan.succeeded": ("{project}: '{brief}' 기획안이 완성되었습니다", "{project}: the plan for '{brief}' is ready"),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def message_render(key: str, params: dict, locale: str) -> str:
    """One pass over the template, so values (display names, titles) may contain braces."""
    ko, en = MESSAGES[key]
    template = ko if locale == "ko" else en
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)


def notify(user, *, key: str, params: dict, url: str, data: dict, verb: str | None = None) -> Notification:
    """A notification for `user` titled by message `key` in their locale; `verb` defaults to the key."""
    title = Truncator(message_render(key, params, user.locale)).chars(Notification._meta.get_field("title").max_length)
    return notification_create(recipient=user, verb=verb or key, title=title, url=url, data=data)
