from decimal import Decimal

import factory

from apps.ai_planning import planning
from apps.ai_planning.models import AIJob, AISettings, AIUsage, Brief, Plan, PlanRevision, VersionDigest
from apps.projects.tests.factories import ProjectFactory
from tests.fake_openai import instance_for


def sample_result() -> dict:
    """A complete plan valid against PLAN_SCHEMA."""
    result = instance_for(planning.PLAN_SCHEMA)
    result["sections"] = planning.fit_durations(result["sections"], 60)
    result["images_status"] = {"provider": None, "status": "off", "error": ""}
    return result


class BriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brief

    project = factory.SubFactory(ProjectFactory)
    created_by = factory.LazyAttribute(lambda brief: brief.project.owner)
    title = factory.Sequence(lambda n: f"신제품 런칭 영상 {n}")
    description = "20대 직장인을 위한 무선 이어폰 런칭 영상. 출퇴근길의 소음에서 벗어나는 순간을 보여준다."
    video_type = "광고"
    target_duration_seconds = 60
    audience = "20-30대 직장인"
    tone = "경쾌하고 세련된"
    platform = "YouTube"
    language = "ko"


class PlanFactory(factory.django.DjangoModelFactory):
    """A finished plan with its first revision (traits: queued, failed)."""

    class Meta:
        model = Plan
        skip_postgeneration_save = True

    brief = factory.SubFactory(BriefFactory)
    project = factory.LazyAttribute(lambda plan: plan.brief.project)
    created_by = factory.LazyAttribute(lambda plan: plan.brief.created_by)
    status = Plan.Status.SUCCEEDED
    model = "gpt-4o-mini"
    result = factory.LazyFunction(sample_result)
    revision = 1
    progress_step = "done"
    progress_percent = 100

    class Params:
        queued = factory.Trait(status=Plan.Status.QUEUED, result={}, revision=0, progress_step="", progress_percent=0)
        failed = factory.Trait(status=Plan.Status.FAILED, result={}, revision=0, error="The AI server was failing.")

    @factory.post_generation
    def first_revision(obj, create, extracted, **kwargs):
        if create and obj.revision:
            PlanRevision.objects.create(plan=obj, number=1, result=obj.result, source=PlanRevision.Source.GENERATED)


class AIJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AIJob

    project = factory.SubFactory(ProjectFactory)
    kind = AIJob.Kind.PLAN
    status = AIJob.Status.QUEUED
    model = "gpt-4o-mini"
    estimated_tokens = 10_000
    estimated_cost_usd = "0.004"
    max_attempts = 2


class AISettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AISettings

    project = factory.SubFactory(ProjectFactory)
    monthly_budget_usd = Decimal("20")
    approval_threshold_usd = Decimal("0.5")


class AIUsageFactory(factory.django.DjangoModelFactory):
    """One metered call (`created_at` is auto_now_add: move it with an update when it matters)."""

    class Meta:
        model = AIUsage

    project = factory.SubFactory(ProjectFactory)
    kind = AIJob.Kind.PLAN
    model = "gpt-4o-mini"
    cost_usd = Decimal("0.01")


class VersionDigestFactory(factory.django.DjangoModelFactory):
    """A finished digest of `version`, with the succeeded job that made it."""

    class Meta:
        model = VersionDigest

    version = None  # required: pass the version
    project = factory.LazyAttribute(lambda digest: digest.version.asset.project)
    job = factory.LazyAttribute(
        lambda digest: AIJobFactory(
            project=digest.project, kind=AIJob.Kind.FEEDBACK_DIGEST, status=AIJob.Status.SUCCEEDED
        )
    )
    result = factory.LazyFunction(lambda: {"overview": "", "groups": []})
