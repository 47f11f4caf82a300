"""Notifications in the reader's language. Every message is a key in MESSAGES (Korean and
English templates with {name} placeholders); a notification stores the key and its params and
is rendered in the reader's locale whenever it is shown (list, realtime event, e-mail), so it
follows a change of language. Each key belongs to a KIND, the unit of e-mail preferences."""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator

from .models import Notification, NotificationPreference
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
    "feedback.commented": ("{author}님이 {where}에 코멘트를 남겼습니다", "{author} commented on {where}"),
    "alert.firing": ("[{severity}] {rule} 경보 발생: {host}", "[{severity}] {rule} firing: {host}"),
    "alert.resolved": ("[{severity}] {rule} 경보 해소: {host}", "[{severity}] {rule} resolved: {host}"),
    "server.error": ("서버 오류 {error}: {route}", "Server error {error}: {route}"),
    "system.welcome": ("VideoPlanet에 오신 것을 환영합니다", "Welcome to VideoPlanet"),
    # An operator's own words (`manage.py notify_user`): shown as typed, in every language.
    "system.message": ("{text}", "{text}"),
}

# Params that carry a code (a role, a severity, a failure) are shown as its label in the reader's
# language; the stored params keep the code, so the text follows a change of language. The
# words are the frontend's: roles from messages/{ko,en}/projects.json `projectRole`.
PARAM_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "role": {
        "owner": ("소유자", "Owner"),
        "manager": ("매니저", "Manager"),
        "editor": ("편집자", "Editor"),
        "reviewer": ("리뷰어", "Reviewer"),
        "viewer": ("뷰어", "Viewer"),
    },
    # An alert's severity: messages/{ko,en}/monitoring.json `monitoring.severity`.
    "severity": {
        "info": ("정보", "Info"),
        "warning": ("경고", "Warning"),
        "critical": ("심각", "Critical"),
    },
    # Why a version failed (`Version.failure_code`); its English detail stays on the version.
    "reason": {
        "missing": ("파일이 저장소에 없습니다", "the file is missing from storage"),
        "empty_file": ("빈 파일입니다(0바이트)", "the file is empty (0 bytes)"),
        "not_a_video": ("동영상 파일이 아닙니다", "the file is not a video"),
        "timeout": ("처리 시간이 초과되었습니다", "processing took too long"),
        "no_video_stream": ("영상 스트림이 없습니다", "the file has no video stream"),
        "truncated": ("영상이 잘려 있습니다(업로드 또는 파일 불완전)", "the video is cut short"),
        "undecodable": ("영상을 읽을 수 없습니다", "the video could not be read"),
        "processing_gave_up": ("처리가 끝나지 않았습니다", "processing did not finish"),
    },
}

# E-mail modes: in-app only, an e-mail soon after (unless read in the app first), one daily
# digest, or nothing at all (not even in the app).
IN_APP, INSTANT, DIGEST, OFF = "in_app", "instant", "digest", "off"
MODES = (IN_APP, INSTANT, DIGEST, OFF)

# kind -> (default mode, message keys). Mentions and decisions someone waits on go at once.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "mention": (INSTANT, ("feedback.mentioned",)),
    "reply": (DIGEST, ("feedback.replied",)),
    "comment": (DIGEST, ("feedback.commented",)),
    "review": (INSTANT, ("version.review.approved", "version.review.changes_requested", "version.review.in_review")),
    "version": (DIGEST, ("version.ready", "version.failed")),
    "approval": (INSTANT, ("ai_job.awaiting_approval", "ai_job.needs_attention", "plan.succeeded")),
    "team": (
        DIGEST,
        (
            "invitation.accepted",
            "invitation.received",
            "project.member_added",
            "project.role_changed",
            "project.transferred",
        ),
    ),
    "alert": (DIGEST, ("alert.firing", "alert.resolved", "server.error")),
}
KIND_OF_KEY = {key: kind for kind, (_, keys) in KINDS.items() for key in keys}
KIND_CHOICES = tuple(KINDS)


def kind_of(key: str) -> str | None:
    """The preference kind of a message key; None for messages that never go by e-mail."""
    return KIND_OF_KEY.get(key)


def preference_modes(user) -> dict[str, str]:
    """Every kind's mode for `user`: their choice, else the default."""
    stored = NotificationPreference.objects.filter(user=user).values_list("modes", flat=True).first() or {}
    return {kind: stored.get(kind, default) for kind, (default, _) in KINDS.items()}


def preference_mode(user, kind: str) -> str:
    return preference_modes(user)[kind]


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def param_label(name: str, value, locale: str) -> str:
    """`value` of param `name` as the reader reads it: a code's label in `locale`, else as is."""
    labels = PARAM_LABELS.get(name, {}).get(str(value))
    if labels is None:
        return str(value)
    return labels[0] if locale == "ko" else labels[1]


def message_render(key: str, params: dict, locale: str) -> str:
    """One pass over the template, so values (display names, titles) may contain braces."""
    ko, en = MESSAGES[key]
    template = ko if locale == "ko" else en

    def value(match: re.Match) -> str:
        name = match.group(1)
        return param_label(name, params[name], locale) if name in params else match.group(0)

    return _PLACEHOLDER.sub(value, template)


def notification_title(notification: Notification, locale: str) -> str:
    """The title in `locale`; a row without a (known) key keeps the title stored with it."""
    if notification.key in MESSAGES:
        return _truncate(message_render(notification.key, notification.params or {}, locale))
    return notification.title


def notification_text(key: str, params: dict, locale: str) -> str:
    """The stored title: `key` rendered in `locale` (the list renders it again in its reader's)."""
    if key not in MESSAGES:
        raise ValueError(f"Notification key {key!r} is not in MESSAGES: every notification has a key")
    return _truncate(message_render(key, params, locale))


def _truncate(title: str) -> str:
    max_length = Notification._meta.get_field("title").max_length
    assert max_length is not None  # a CharField
    return Truncator(title).chars(max_length)


def notify(
    user, *, key: str, params: dict, url: str, data: dict, verb: str | None = None, body: str = ""
) -> Notification | None:
    """A notification for `user` with message `key`; `verb` defaults to the key. Its kind's mode
    decides whether it exists (`off`: not at all) and whether an e-mail is due soon (`instant`;
    the daily digest picks up `digest` ones). Who may receive it at all is the caller's choice."""
    kind = kind_of(key)
    mode = preference_mode(user, kind) if kind else IN_APP
    if mode == OFF:
        return None
    email_due_at = None
    if mode == INSTANT:
        email_due_at = timezone.now() + timedelta(seconds=settings.NOTIFICATION_EMAIL_DELAY_SECONDS)
    return notification_create(
        recipient=user,
        verb=verb or key,
        body=body,
        url=url,
        data=data,
        key=key,
        params=params,
        email_due_at=email_due_at,
    )
