"""Notification e-mail: per-kind preferences, the instant e-mail (sent once it is due unless
read in the app by then), the daily digest, and the signed one-click unsubscribe link.

Never twice: an instant e-mail is claimed by a conditional update of `Notification.emailed_at`
(only one sender wins), a digest by one of `NotificationPreference.digest_sent_on` (once per
UTC day per user), and the digest marks what it carried as e-mailed."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .emails import email_send_templated
from .errors import DomainError
from .models import Notification, NotificationPreference
from .notify import DIGEST, IN_APP, INSTANT, KIND_OF_KEY, KINDS, kind_of, notification_title, preference_modes

UNSUBSCRIBE_SALT = "apps.core.notifications.unsubscribe"

# What each kind is called in an e-mail (ko, en); the web app has its own copy in its messages.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "mention": ("멘션", "Mentions"),
    "reply": ("내 코멘트에 대한 답글", "Replies to my comments"),
    "comment": ("내 버전에 달린 코멘트", "Comments on my versions"),
    "review": ("검토 결정", "Review decisions"),
    "version": ("새 버전과 처리 결과", "New versions and processing"),
    "approval": ("AI 작업 승인과 결과", "AI job approvals and results"),
    "team": ("초대와 팀 변경", "Invitations and team changes"),
    "alert": ("운영 경보(스태프)", "Operations alerts (staff)"),
}


class UnsubscribeLinkInvalid(DomainError):
    code = "unsubscribe_link_invalid"
    message = "This unsubscribe link is invalid."


# --- preferences ---------------------------------------------------------------------------


@transaction.atomic
def notification_preferences_update(*, user, modes: dict[str, str]) -> dict[str, str]:
    """Sets the given kinds' modes (the others keep theirs); returns every kind's mode."""
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    preference.modes = {**preference.modes, **modes}
    preference.full_clean()
    preference.save(update_fields=["modes", "updated_at"])
    return preference_modes(user)


# --- unsubscribe ---------------------------------------------------------------------------


def unsubscribe_token(*, user, kinds: list[str]) -> str:
    return signing.dumps({"u": str(user.pk), "k": sorted(kinds)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[str, list[str]]:
    """(user id, kinds) of a link made by `unsubscribe_token`; UnsubscribeLinkInvalid else."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise UnsubscribeLinkInvalid() from exc
    kinds = payload.get("k") if isinstance(payload, dict) else None
    if not isinstance(kinds, list) or not kinds or any(kind not in KINDS for kind in kinds):
        raise UnsubscribeLinkInvalid()
    return str(payload.get("u")), kinds


def unsubscribe_target(*, token: str):
    """The person and kinds a link names (the user must still exist)."""
    from django.contrib.auth import get_user_model

    user_id, kinds = unsubscribe_token_read(token)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise UnsubscribeLinkInvalid()
    return user, kinds


def notification_unsubscribe(*, token: str):
    """One click stops the e-mail of the link's kinds: they go `in_app` (the bell keeps them;
    turning a kind fully off is a choice on the settings page). Returns (user, kinds, every
    kind's mode)."""
    user, kinds = unsubscribe_target(token=token)
    modes = notification_preferences_update(user=user, modes=dict.fromkeys(kinds, IN_APP))
    return user, kinds, modes


def _unsubscribe_links(user, kinds: list[str]) -> dict:
    token = unsubscribe_token(user=user, kinds=kinds)
    return {
        # RFC 8058: the mail client POSTs here, without the reader signing in.
        "one_click": f"{settings.API_PUBLIC_URL}/api/v1/notifications/unsubscribe/{token}/",
        # A person clicking in the e-mail sees a confirm page in the web app.
        "page": f"{settings.FRONTEND_URL}/unsubscribe/{token}",
    }


def _headers(links: dict) -> dict:
    return {"List-Unsubscribe": f"<{links['one_click']}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- sending -------------------------------------------------------------------------------


def can_receive_email(user) -> bool:
    """Active, with a verified address (a self-registered account confirms it first)."""
    return bool(user.is_active and user.email and user.email_verified)


def _absolute(url: str) -> str:
    return url if url.startswith("http") else f"{settings.FRONTEND_URL}{url or '/'}"


def _label(kind: str, locale: str) -> str:
    ko, en = KIND_LABELS[kind]
    return ko if locale == "ko" else en


def notification_emails_due(*, now: datetime | None = None, limit: int = 500) -> list[str]:
    """Ids of instant e-mails whose wait is over and that nobody has read or sent yet."""
    now = now or timezone.now()
    return [
        str(pk)
        for pk in Notification.objects.filter(
            email_due_at__lte=now, emailed_at__isnull=True, read_at__isnull=True
        ).values_list("pk", flat=True)[:limit]
    ]


def notification_email_send(*, notification_id: str) -> bool:
    """The instant e-mail of one notification; False (and nothing sent) when it was read, sent
    already, its kind is no longer `instant` for the person, or they cannot receive e-mail."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None or notification.read_at is not None:
        return False
    user = notification.recipient
    kind = kind_of(notification.key)
    if kind is None or preference_modes(user)[kind] != INSTANT or not can_receive_email(user):
        # Not ours to send (any more): the digest or nobody. Stop the sweep from asking again.
        Notification.objects.filter(pk=notification.pk).update(email_due_at=None)
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True, read_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False  # read, or another run sent it, in between
    links = _unsubscribe_links(user, [kind])
    email_send_templated(
        to=user.email,
        template="notification",
        locale=user.locale,
        context={
            "name": user.display_name,
            "title": notification_title(notification, user.locale),
            "body": notification.body,
            "link": _absolute(notification.url),
            "kind_label": _label(kind, user.locale),
            "unsubscribe_link": links["page"],
            "preferences_link": f"{settings.FRONTEND_URL}/profile/notifications",
        },
        headers=_headers(links),
    )
    return True


def notification_digests_send(*, now: datetime | None = None) -> int:
    """Each person's unread `digest` notifications of the last day that no e-mail carried yet,
    grouped by project, in one e-mail — at most one per person per UTC day. Returns how many
    e-mails went out."""
    now = now or timezone.now()
    today = now.date()
    pending = (
        Notification.objects.filter(
            read_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gte=now - timedelta(days=1),
            created_at__lte=now,
            key__in=list(KIND_OF_KEY),
        )
        .select_related("recipient")
        .order_by("created_at")
    )
    by_user: dict = defaultdict(list)
    for notification in pending:
        by_user[notification.recipient].append(notification)
    sent = 0
    for user, notifications in by_user.items():
        modes = preference_modes(user)
        notifications = [n for n in notifications if modes[KIND_OF_KEY[n.key]] == DIGEST]
        if notifications and can_receive_email(user) and _digest_claim(user, today):
            ids = [n.pk for n in notifications]
            Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
            _digest_email(user, notifications)
            sent += 1
    return sent


def _digest_claim(user, today) -> bool:
    """Today's digest of `user` is ours to send (a conditional update: once per day)."""
    NotificationPreference.objects.get_or_create(user=user)
    return bool(
        NotificationPreference.objects.filter(user=user)
        .filter(Q(digest_sent_on__isnull=True) | Q(digest_sent_on__lt=today))
        .update(digest_sent_on=today)
    )


def _digest_email(user, notifications: list[Notification]) -> None:
    locale = user.locale
    other = "기타" if locale == "ko" else "Other"
    projects: dict[str, dict] = {}
    for notification in notifications:
        project_id = str((notification.data or {}).get("project_id") or "")
        group = projects.setdefault(
            project_id, {"name": (notification.params or {}).get("project") or other, "items": []}
        )
        group["items"].append(
            {
                "title": notification_title(notification, locale),
                "link": _absolute(notification.url),
                "created_at": notification.created_at,
            }
        )
    kinds = sorted({KIND_OF_KEY[n.key] for n in notifications})
    links = _unsubscribe_links(user, kinds)
    email_send_templated(
        to=user.email,
        template="notification_digest",
        locale=locale,
        context={
            "name": user.display_name,
            "count": len(notifications),
            "projects": list(projects.values()),
            "kinds": [
                {"label": _label(kind, locale), "unsubscribe_link": _unsubscribe_links(user, [kind])["page"]}
                for kind in kinds
            ],
            "unsubscribe_link": links["page"],
            "preferences_link": f"{settings.FRONTEND_URL}/profile/notifications",
        },
        headers=_headers(links),
    )
