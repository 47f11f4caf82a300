"""The project timeline: the one helper every app records an Activity through (the row and
its realtime event)."""

from apps.core import events

from .models import Activity, Project
from .serializers import ActivityOut

# Every verb that writes a timeline row. The client has a sentence for each (scripts/server_tables.py
# exports this list to frontend/src/shared/api/tables.gen.ts and a test checks both languages);
# activity_record refuses a verb missing here, so a new one cannot reach the feed as a raw code.
TIMELINE_VERBS = (
    "project.created",
    "project.updated",
    "member.joined",
    "member.left",
    "member.role_changed",
    "invitation.created",
    "invitation.revoked",
    "invitation.accepted",
    "phase.created",
    "phase.updated",
    "phase.deleted",
    "phase.reordered",
    "brief.created",
    "brief.updated",
    "brief.deleted",
    "plan.edited",
    "plan.restored",
    "ai_job.approved",
    "ai_job.rejected",
    "ai_settings.updated",
    "asset.created",
    "asset.updated",
    "asset.deleted",
    "version.created",
    "version.updated",
    "version.status_changed",
    "version.review_decided",
    "version.ready",
    "version.failed",
    "feedback.created",
    "feedback.deleted",
    "feedback.resolved",
    "feedback.reopened",
    "share_link.created",
    "share_link.revoked",
)
# Rows written by the system itself (no actor): the feed names the system, not "someone".
SYSTEM_VERBS = ("version.ready", "version.failed")


def project_stream(project_or_id) -> str:
    return f"project:{getattr(project_or_id, 'pk', project_or_id)}"


def activity_record(
    *,
    project: Project,
    actor,
    verb: str,
    target,
    data: dict | None = None,
    payload: dict | None = None,
    payloads: dict[str, dict] | None = None,
    timeline: bool = True,
) -> Activity | None:
    """A timeline row (unless `timeline` is false) and the event `verb`, sent after commit in
    the caller's transaction: `payload` on the project's stream, or each of `payloads`
    ({stream: data}) on its own stream."""
    activity = None
    if timeline:
        if verb not in TIMELINE_VERBS:
            raise ValueError(f"{verb!r} is not in TIMELINE_VERBS: give it a sentence in the activity feed first.")
        activity = Activity.objects.create(
            project=project,
            actor=actor if actor is not None and actor.is_authenticated else None,
            verb=verb,
            target_type=type(target).__name__.lower(),
            target_id=str(target.pk),
            data=data or {},
        )
    if payloads is None:
        payloads = {project_stream(project): payload or {}}
    extra = {"activity": ActivityOut(activity).data} if activity else {}
    for stream, event_data in payloads.items():
        events.publish(stream=stream, type=verb, data={**event_data, **extra})
    return activity
