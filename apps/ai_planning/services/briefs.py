"""Briefs: what a plan is asked for, and the context the model gets from it."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.core.services import model_update
from apps.projects.activity import activity_record
from apps.projects.models import Project

from .. import planning
from ..models import Brief, Plan
from ..serializers import BriefOut
from .errors import PlanBusy

BRIEF_FIELDS = (
    "title",
    "description",
    "video_type",
    "target_duration_seconds",
    "audience",
    "tone",
    "platform",
    "language",
)


@transaction.atomic
def brief_create(*, project: Project, actor, **data) -> Brief:
    brief = Brief(project=project, created_by=actor, **{k: v for k, v in data.items() if k in BRIEF_FIELDS})
    brief.full_clean()
    brief.save()
    activity_record(
        project=project,
        actor=actor,
        verb="brief.created",
        target=brief,
        data={"title": brief.title},
        payload={"brief": BriefOut(brief).data},
    )
    return brief


@transaction.atomic
def brief_update(*, brief: Brief, actor, data: dict) -> Brief:
    _, changes = model_update(instance=brief, fields=BRIEF_FIELDS, data=data)
    if changes:
        activity_record(
            project=brief.project,
            actor=actor,
            verb="brief.updated",
            target=brief,
            data=changes,
            payload={"brief": BriefOut(brief).data},
        )
    return brief


@transaction.atomic
def brief_delete(*, brief: Brief, actor) -> None:
    if brief.plans.filter(Q(status__in=[Plan.Status.QUEUED, Plan.Status.RUNNING]) | Q(busy=True)).exists():
        raise PlanBusy("A plan of this brief is being generated. Wait until it has finished.")
    activity_record(
        project=brief.project,
        actor=actor,
        verb="brief.deleted",
        target=brief,
        data={"title": brief.title},
        payload={"brief_id": str(brief.pk)},
    )
    brief.delete()


def _context(brief: Brief) -> dict:
    project = brief.project
    phases = [
        {"name": phase.name, "start": phase.start.isoformat(), "end": phase.end.isoformat()}
        for phase in project.phases.order_by("order")
    ]
    return planning.brief_context(brief, phases=phases, deadline=project.deadline, today=timezone.localdate())
