"""A project's AI settings: model, monthly budget, approval threshold."""

from decimal import Decimal

from django.conf import settings
from django.db import transaction

from apps.core.services import model_update
from apps.projects.activity import activity_record
from apps.projects.models import Project

from ..models import AISettings


def ai_settings_for(project: Project) -> AISettings:
    found, _ = AISettings.objects.get_or_create(
        project=project,
        defaults={
            "monthly_budget_usd": Decimal(str(settings.AI_DEFAULT_MONTHLY_BUDGET_USD)),
            "approval_threshold_usd": Decimal(str(settings.AI_DEFAULT_APPROVAL_THRESHOLD_USD)),
        },
    )
    return found


@transaction.atomic
def ai_settings_update(*, project: Project, actor, data: dict) -> AISettings:
    current = ai_settings_for(project)
    current = AISettings.objects.select_for_update().get(pk=current.pk)
    fields = ("monthly_budget_usd", "approval_threshold_usd", "model")
    _, changes = model_update(instance=current, fields=fields, data=data)
    if changes:
        activity_record(
            project=project, actor=actor, verb="ai_settings.updated", target=current, data=changes, payload={}
        )
    return current
