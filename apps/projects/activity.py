"""The project timeline: the one helper every app records an Activity through (the row and
its realtime event)."""

from apps.core import events

from .models import Activity, Project
from .serializers import ActivityOut


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
