"""Shared by the feedbacks services: streams, the activity timeline, notifications, errors."""

from apps.core.errors import Conflict, DomainError
from apps.core.models import Notification
from apps.core.notify import notify
from apps.projects.activity import project_stream
from apps.projects.models import Membership, Project

from ..models import Version


def version_stream(version_or_id) -> str:
    return f"version:{getattr(version_or_id, 'pk', version_or_id)}"


class VersionNotReady(Conflict):
    code = "version_not_ready"
    message = "This version is not ready yet (still uploading or processing, or it failed)."


class NotAuthor(DomainError):
    code = "not_author"
    status_code = 403
    message = "Only the author can do this."


def version_streams(version: Version) -> list[str]:
    return [project_stream(version.asset.project_id), version_stream(version)]


def notify_member(user, **kwargs) -> Notification | None:
    """`apps.core.notify.notify`, skipping a deleted or deactivated person."""
    if user is None or not user.is_active:
        return None
    params, project_id = kwargs.get("params", {}), kwargs.get("data", {}).get("project_id")
    if "project" not in params and project_id:
        # The daily e-mail digest groups by project under its name.
        name = Project.objects.filter(pk=project_id).values_list("name", flat=True).first()
        kwargs["params"] = {**params, "project": name or ""}
    return notify(user, **kwargs)


def review_url(version: Version, feedback_id=None) -> str:
    """The asset's review room at this version (and comment): a notification or e-mail link
    opens it directly. The older `/projects/{project}/review/{version}` links, which the web app
    first resolves to the asset, keep working for notifications already sent."""
    url = f"/assets/{version.asset_id}?version={version.pk}"
    return f"{url}&feedback={feedback_id}" if feedback_id else url


def member_ids(project_id, *, roles=None) -> set:
    qs = Membership.objects.filter(project_id=project_id)
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return {str(pk) for pk in qs.values_list("user_id", flat=True)}
