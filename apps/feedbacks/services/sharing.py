"""Share links: a guest with the token (and the password, when set) sees one version and its
non-internal feedback, and may comment under a name when the link allows it. Nothing else
of the project is reachable with the token."""

from datetime import timedelta
from typing import cast

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.errors import DomainError, NotFound
from apps.core.services import audit_record
from apps.core.throttling import parse_rate
from apps.projects.activity import activity_record

from ..models import Feedback, ShareLink, Version
from .common import VersionNotReady
from .feedback import feedback_create


class ShareLinkUnusable(DomainError):
    status_code = 410

    def __init__(self, state: str):
        self.code = f"share_link_{state}"
        super().__init__({"expired": "This share link has expired.", "revoked": "This share link was revoked."}[state])


class SharePasswordRequired(DomainError):
    code = "share_password_required"
    status_code = 401
    message = "This share link needs a password (send it in the X-Share-Password header)."


class SharePasswordInvalid(DomainError):
    code = "share_password_invalid"
    status_code = 403
    message = "The password is wrong."


class SharePasswordThrottled(DomainError):
    code = "throttled"
    status_code = 429

    def __init__(self, retry_after: int):
        super().__init__("Too many wrong passwords. Try again later.", details={"retry_after": retry_after})


class ShareViewOnly(DomainError):
    code = "share_link_view_only"
    status_code = 403
    message = "This share link allows viewing only."


class SharePasswordLimiter:
    """Wrong passwords per link and client IP (and, ten times looser, per link overall so a
    botnet cannot guess either). Past the limit the link answers 429 until the window ends."""

    def __init__(self) -> None:
        rates = cast(dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        limit, window = parse_rate(rates["share_password"])
        assert limit is not None and window is not None  # the rate is a string, so both parts are set
        self.limit, self.window = limit, window

    def _limits(self, link: ShareLink, ip: str | None) -> dict[str, int]:
        return {f"share-pw:{link.pk}:ip:{ip or '-'}": self.limit, f"share-pw:{link.pk}:all": self.limit * 10}

    def blocked(self, link: ShareLink, ip: str | None) -> bool:
        limits = self._limits(link, ip)
        counts = cache.get_many(list(limits))
        return any(counts.get(key, 0) >= limit for key, limit in limits.items())

    def record_failure(self, link: ShareLink, ip: str | None) -> None:
        for key in self._limits(link, ip):
            if cache.add(key, 1, self.window) is False:
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, self.window)


@transaction.atomic
def share_link_create(
    *, version: Version, actor, permission: str, expires_in_days: int | None = None, password: str = "", label: str = ""
) -> ShareLink:
    if version.status != Version.Status.READY:
        raise VersionNotReady()
    days = expires_in_days or settings.SHARE_LINK_DEFAULT_DAYS
    link = ShareLink(
        version=version,
        permission=permission,
        label=label,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=days),
        password_hash=make_password(password) if password else "",
    )
    link.full_clean()
    link.save()
    _timeline(link, actor, "share_link.created")
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink, actor) -> ShareLink:
    link = ShareLink.objects.select_for_update(of=("self",)).select_related("version__asset__project").get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
        _timeline(link, actor, "share_link.revoked")
    return link


def _timeline(link: ShareLink, actor, verb: str) -> None:
    data = {
        "version_id": str(link.version_id),
        "permission": link.permission,
        "expires_at": link.expires_at.isoformat(),
        "password": link.has_password,
    }
    activity_record(project=link.version.asset.project, actor=actor, verb=verb, target=link, data=data, payloads={})
    audit_record(action=verb, actor=actor, target=f"share_link:{link.pk}", data=data)


def share_link_open(*, token: str, password: str | None, ip: str | None) -> ShareLink:
    """The link behind a token, if it may be used now with this password."""
    link = ShareLink.objects.select_related("version__asset__project").filter(token=token).first()
    if link is None:
        raise NotFound()
    if link.state != "active":
        raise ShareLinkUnusable(link.state)
    if link.has_password:
        limiter = SharePasswordLimiter()
        if limiter.blocked(link, ip):
            raise SharePasswordThrottled(limiter.window)
        if not password:
            raise SharePasswordRequired()
        if not check_password(password, link.password_hash):
            limiter.record_failure(link, ip)
            audit_record(action="share_link.password_failed", target=f"share_link:{link.pk}", data={"ip": ip})
            raise SharePasswordInvalid()
    return link


def guest_feedback_create(
    *,
    link: ShareLink,
    guest_name: str,
    body: str,
    parent_id=None,
    frame: int | None = None,
    end_frame: int | None = None,
    timecode: float | None = None,
    end_timecode: float | None = None,
    annotation: dict | None = None,
) -> Feedback:
    if link.permission != ShareLink.Permission.COMMENT:
        raise ShareViewOnly()
    parent = None
    if parent_id is not None:
        parent = Feedback.objects.filter(
            pk=parent_id, version=link.version, internal=False, deleted_at__isnull=True
        ).first()
        if parent is None:
            raise ValidationError({"parent_id": ["No such comment on this version."]})
    return feedback_create(
        version=link.version,
        author=None,
        guest_name=guest_name,
        share_link=link,
        body=body,
        frame=frame,
        end_frame=end_frame,
        timecode_seconds=timecode,
        end_timecode_seconds=end_timecode,
        annotation=annotation,
        parent=parent,
        internal=False,
    )
