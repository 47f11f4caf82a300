"""A project's phases (its schedule): create, update, delete, reorder."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.core.errors import Conflict, DomainError
from apps.core.services import model_update

from ..activity import activity_record
from ..models import Phase, Project
from ..serializers import PhaseOut


@transaction.atomic
def phase_create(*, project: Project, actor, name: str, start: date, end: date, order: int | None = None) -> Phase:
    if order is None:
        order = (project.phases.aggregate(top=Max("order"))["top"] or 0) + 1
    elif project.phases.filter(order=order).exists():
        raise Conflict("Another phase already has this position.", details={"order": ["taken"]})
    phase = Phase(project=project, name=name, start=start, end=end, order=order)
    phase.full_clean()
    phase.save()
    activity_record(
        project=project,
        actor=actor,
        verb="phase.created",
        target=phase,
        data={"name": name},
        payload={"phase": PhaseOut(phase).data},
    )
    return phase


@transaction.atomic
def phase_update(*, phase: Phase, actor, data: dict) -> Phase:
    if (
        "order" in data
        and data["order"] != phase.order
        and (Phase.objects.filter(project=phase.project_id, order=data["order"]).exclude(pk=phase.pk).exists())
    ):
        raise Conflict("Another phase already has this position.", details={"order": ["taken"]})
    _, changes = model_update(instance=phase, fields=list(data), data=data)
    if not changes:
        return phase
    activity_record(
        project=phase.project,
        actor=actor,
        verb="phase.updated",
        target=phase,
        data={"name": phase.name, "changes": changes},
        payload={"phase": PhaseOut(phase).data, "changes": changes},
    )
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, actor) -> None:
    payload = {"phase": PhaseOut(phase).data}
    project = phase.project
    target = Phase(pk=phase.pk)
    phase.delete()
    activity_record(
        project=project,
        actor=actor,
        verb="phase.deleted",
        target=target,
        data={"name": payload["phase"]["name"]},
        payload=payload,
    )


@transaction.atomic
def phases_reorder(*, project: Project, actor, phase_ids: list) -> list[Phase]:
    phases = {p.pk: p for p in Phase.objects.select_for_update().filter(project=project)}
    if set(phase_ids) != set(phases) or len(phase_ids) != len(phases):
        raise DomainError("Send every phase of the project exactly once.", details={"ids": ["mismatch"]})
    # Two passes: the unique (project, order) constraint forbids swapping in place.
    offset = len(phases) + max((p.order for p in phases.values()), default=0)
    for index, phase_id in enumerate(phase_ids, start=1):
        Phase.objects.filter(pk=phase_id).update(order=offset + index)
    for index, phase_id in enumerate(phase_ids, start=1):
        Phase.objects.filter(pk=phase_id).update(order=index, updated_at=timezone.now())
    ordered = list(Phase.objects.filter(project=project).order_by("order"))
    activity_record(
        project=project,
        actor=actor,
        verb="phase.reordered",
        target=project,
        data={"order": [str(pk) for pk in phase_ids]},
        payload={"phases": PhaseOut(ordered, many=True).data},
    )
    return ordered
