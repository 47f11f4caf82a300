"""Briefs become plans through the real job pipeline: the real `openai` client talks to the
local fake server over HTTP; Celery runs eagerly here (the task body is what is tested;
`test_worker.py` runs a real worker)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning import planning, services
from apps.ai_planning.models import AIJob, AIUsage, Plan, PlanRevision
from apps.ai_planning.services import runner
from apps.ai_planning.tasks import ai_job_run, ai_jobs_sweep
from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.projects.services import project_stream

from .factories import BriefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(project_with_roles, fake_openai):
    return project_with_roles


@pytest.fixture
def brief(team):
    return BriefFactory(project=team.project, created_by=team.users["editor"], target_duration_seconds=90)


@pytest.fixture
def generate(team, django_capture_on_commit_callbacks):
    """POST briefs/{id}/plans/ as `actor`, running what the commit dispatches (the task)."""

    def run(brief, actor="editor"):
        with django_capture_on_commit_callbacks(execute=True):
            response = team.client(actor).post(reverse("brief-plans", kwargs={"brief_id": brief.pk}))
        return response

    return run


def _events(project, prefix=""):
    return [
        (event.type, event.data)
        for event in StreamEvent.objects.filter(stream=project_stream(project), type__startswith=prefix).order_by("seq")
    ]


def test_a_brief_becomes_a_schema_valid_plan(team, brief, generate, fake_openai):
    response = generate(brief)

    assert response.status_code == 202, response.content
    job = AIJob.objects.get(pk=response.json()["id"])
    assert response.json()["kind"] == "plan" and response.json()["plan"] == str(job.plan_id)
    assert job.status == AIJob.Status.SUCCEEDED and job.attempts == 1
    plan = Plan.objects.get(pk=job.plan_id)
    assert plan.status == Plan.Status.SUCCEEDED and plan.revision == 1 and plan.progress_percent == 100
    assert planning.plan_errors(plan.result) == []
    assert sum(section["duration_seconds"] for section in plan.result["sections"]) == 90
    assert plan.result["images_status"]["status"] == "off"
    assert all(frame["image_query"] and frame["images"] == [] for frame in plan.result["storyboard"])
    # One call per section, each with the section's schema, in the brief's language.
    assert fake_openai.call_count == len(planning.STEPS)
    names = [call["body"]["response_format"]["json_schema"]["name"] for call in fake_openai.calls]
    assert names == [f"plan_{step}" for step in planning.STEPS]
    assert "Korean" in fake_openai.calls[0]["body"]["messages"][0]["content"]
    assert "장면" in plan.result["logline"]
    # Every call is accounted for, and the job's cost is their sum.
    usage = AIUsage.objects.filter(job=job)
    assert usage.count() == len(planning.STEPS) and not usage.filter(cache_hit=True).exists()
    assert all(row.cost_usd > 0 and row.prompt_tokens > 0 for row in usage)
    assert job.cost_usd == sum(row.cost_usd for row in usage)
    # Progress in order, then success; the requester is told.
    progress = [data["step"] for kind, data in _events(team.project, "plan.") if kind == "plan.progress"]
    assert progress == [*planning.STEPS, "done"]
    percents = [data["percent"] for kind, data in _events(team.project, "plan.progress")]
    assert percents == sorted(percents) and percents[-1] == 100
    assert _events(team.project, "plan.")[-1][0] == "plan.succeeded"
    assert [kind for kind, _ in _events(team.project, "ai_job.")] == [
        "ai_job.queued",
        "ai_job.started",
        "ai_job.succeeded",
    ]
    assert Notification.objects.filter(recipient=team.users["editor"], verb="plan.succeeded").exists()


def test_english_brief_asks_for_english(team, generate, fake_openai):
    brief = BriefFactory(project=team.project, language="en")
    generate(brief)
    assert "English" in fake_openai.calls[0]["body"]["messages"][0]["content"]
    assert "sample" in Plan.objects.get(brief=brief).result["logline"]


def test_429_then_success_is_retried_and_charged_once(team, brief, generate, fake_openai):
    fake_openai.queue("429")

    generate(brief)

    job = AIJob.objects.get()
    assert job.status == AIJob.Status.SUCCEEDED
    assert fake_openai.call_count == len(planning.STEPS) + 1
    first = AIUsage.objects.get(job=job, step="overview")  # one row, one charge, two HTTP attempts
    assert first.http_attempts == 2 and first.cost_usd > 0
    assert AIUsage.objects.filter(job=job).count() == len(planning.STEPS)


def test_identical_request_is_a_cache_hit_with_no_server_call(team, brief, generate, fake_openai):
    generate(brief)
    calls = fake_openai.call_count

    generate(brief)

    assert fake_openai.call_count == calls
    second = AIJob.objects.order_by("-created_at").first()
    assert second.status == AIJob.Status.SUCCEEDED and second.cost_usd == 0
    hits = AIUsage.objects.filter(job=second)
    assert hits.count() == len(planning.STEPS) and all(row.cache_hit and row.cost_usd == 0 for row in hits)
    assert (
        Plan.objects.get(pk=second.plan_id).result["logline"]
        == Plan.objects.get(pk=AIJob.objects.order_by("created_at").first().plan_id).result["logline"]
    )


def test_task_delivered_twice_charges_and_writes_once(team, brief, generate, fake_openai):
    generate(brief)
    job = AIJob.objects.get()
    calls, usage, revisions = fake_openai.call_count, AIUsage.objects.count(), PlanRevision.objects.count()

    services.job_run(job_id=job.pk)  # the broker redelivers the message

    job.refresh_from_db()
    assert (fake_openai.call_count, AIUsage.objects.count(), PlanRevision.objects.count()) == (calls, usage, revisions)
    assert job.attempts == 1 and job.status == AIJob.Status.SUCCEEDED


def test_a_job_held_by_a_live_worker_is_not_run_again(team, brief, fake_openai):
    job = services.plan_request(brief=brief, actor=team.users["editor"])  # not dispatched (no commit)
    claimed = runner._claim(job.pk)
    assert claimed.status == AIJob.Status.RUNNING

    services.job_run(job_id=job.pk)  # a duplicate delivery while the first still runs

    assert fake_openai.call_count == 0
    assert AIJob.objects.get(pk=job.pk).attempts == 1


def test_over_threshold_job_waits_for_approval_then_runs(
    team, brief, generate, fake_openai, django_capture_on_commit_callbacks
):
    services.ai_settings_update(
        project=team.project, actor=team.users["owner"], data={"approval_threshold_usd": Decimal("0")}
    )

    response = generate(brief)

    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "awaiting_approval" and body["risk"] == "high"
    assert "approval threshold" in body["risk_reasons"][0]
    [factor] = body["risk_factors"]
    assert factor["code"] == "over_threshold" and factor["threshold_usd"] == "0.00"
    assert Decimal(factor["estimated_usd"]) > 0
    assert fake_openai.call_count == 0
    notified = set(Notification.objects.filter(verb="ai_job.awaiting_approval").values_list("recipient", flat=True))
    assert notified == {team.users["owner"].pk, team.users["manager"].pk}
    url = reverse("ai-job-approve", kwargs={"job_id": body["id"]})

    # The editor who asked cannot approve their own costly job.
    assert_error(team.client("editor").post(url), 403, "permission_denied")
    with django_capture_on_commit_callbacks(execute=True):
        approved = team.client("manager").post(url)

    assert approved.status_code == 200, approved.content
    job = AIJob.objects.get(pk=body["id"])
    assert job.status == AIJob.Status.SUCCEEDED and job.approved_by == team.users["manager"]
    assert fake_openai.call_count == len(planning.STEPS)
    error = assert_error(team.client("owner").post(url), 409, "job_state_conflict")
    assert error["details"] == {"status": "succeeded"}


def test_job_that_would_pass_80_percent_of_the_budget_waits_for_approval(team, brief, generate):
    services.ai_settings_update(
        project=team.project,
        actor=team.users["owner"],
        data={"monthly_budget_usd": Decimal("1.00"), "approval_threshold_usd": Decimal("5")},
    )
    AIUsage.objects.create(project=team.project, kind="plan", model="gpt-4o-mini", cost_usd=Decimal("0.799"))

    body = generate(brief).json()

    assert body["status"] == "awaiting_approval"
    assert body["risk_reasons"] == ["would take this month past 80 % of the budget"]
    assert body["risk_factors"] == [{"code": "near_budget", "budget_share_percent": 80}]


def test_rejected_job_fails_its_plan(team, brief, generate):
    services.ai_settings_update(
        project=team.project, actor=team.users["owner"], data={"approval_threshold_usd": Decimal("0")}
    )
    job_id = generate(brief).json()["id"]

    response = team.client("owner").post(
        reverse("ai-job-reject", kwargs={"job_id": job_id}), {"reason": "비쌈"}, format="json"
    )

    assert response.status_code == 200 and response.json()["status"] == "rejected"
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.FAILED and plan.error == "비쌈"
    assert_error(
        team.client("owner").post(reverse("ai-job-approve", kwargs={"job_id": job_id})), 409, "job_state_conflict"
    )


def test_budget_refuses_with_the_numbers_and_saves_nothing(team, brief, generate, fake_openai):
    services.ai_settings_update(
        project=team.project, actor=team.users["owner"], data={"monthly_budget_usd": Decimal("0.01")}
    )
    for cost in ("0.001", "0.002", "0.006"):  # a sum floats cannot hold exactly (SQLite sums as floats)
        AIUsage.objects.create(project=team.project, kind="plan", model="gpt-4o-mini", cost_usd=Decimal(cost))

    response = generate(brief)

    error = assert_error(
        response,
        402,
        "budget_exceeded",
        details={"budget_usd", "month_to_date_usd", "reserved_usd", "estimated_cost_usd"},
    )
    assert error["details"]["month_to_date_usd"] == "0.009000" and error["details"]["budget_usd"] == "0.010000"
    assert all(re.fullmatch(r"\d+\.\d{6}", amount) for amount in error["details"].values()), error["details"]
    assert "$0.01" in error["message"]
    assert not Plan.objects.exists() and not AIJob.objects.exists() and fake_openai.call_count == 0


def test_server_down_through_every_attempt_needs_attention_then_retry_succeeds(
    team, brief, generate, fake_openai, django_capture_on_commit_callbacks, settings
):
    settings.AI_JOB_RETRY_BASE_SECONDS = 60
    fake_openai.default = "500"

    generate(brief)

    # The first attempt failed: the job waits for its retry time; no countdown task was sent.
    job = AIJob.objects.get()
    assert job.status == AIJob.Status.QUEUED and job.attempts == 1 and job.retry_at > timezone.now()
    ai_job_run.delay(str(job.pk))  # an earlier message delivered late: the retry is not due yet
    assert AIJob.objects.get().attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert ai_jobs_sweep.delay((job.retry_at - datetime.timedelta(seconds=1)).isoformat()).get() == 0
        assert ai_jobs_sweep.delay(job.retry_at.isoformat()).get() == 1  # the beat, once the wait is over

    job = AIJob.objects.get()
    assert job.status == AIJob.Status.NEEDS_ATTENTION and job.attempts == 2 and job.retry_at is None
    assert job.error_code == "ai_unavailable" and "after 3 attempts" in job.error
    assert fake_openai.call_count == 2 * 3  # job attempts × HTTP attempts per call
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.FAILED and plan.result == {} and not PlanRevision.objects.exists()
    assert job.cost_usd == 0
    assert Notification.objects.filter(verb="ai_job.needs_attention").count() == 3  # owner, manager, requester
    types = [kind for kind, _ in _events(team.project, "ai_job.")]
    assert types == ["ai_job.queued", "ai_job.started", "ai_job.retrying", "ai_job.started", "ai_job.needs_attention"]

    fake_openai.default = "ok"
    with django_capture_on_commit_callbacks(execute=True):
        response = team.client("editor").post(reverse("ai-job-retry", kwargs={"job_id": job.pk}))

    assert response.status_code == 202, response.content
    job.refresh_from_db()
    assert job.status == AIJob.Status.SUCCEEDED and job.attempts == 1
    assert Plan.objects.get().status == Plan.Status.SUCCEEDED
    assert_error(
        team.client("editor").post(reverse("ai-job-retry", kwargs={"job_id": job.pk})), 409, "job_state_conflict"
    )


def test_slow_replies_beyond_the_timeout_are_retried(team, brief, generate, fake_openai):
    fake_openai.queue("slow")

    generate(brief)

    assert AIJob.objects.get().status == AIJob.Status.SUCCEEDED
    assert AIUsage.objects.get(step="overview").http_attempts == 2


@pytest.mark.parametrize("bad", ["invalid_json", "missing_fields", "wrong_types"])
def test_an_invalid_answer_is_asked_again_once_with_the_error(team, brief, generate, fake_openai, bad):
    fake_openai.queue(bad)

    generate(brief)

    assert AIJob.objects.get().status == AIJob.Status.SUCCEEDED
    retry = fake_openai.calls[1]["body"]["messages"]
    assert retry[-1]["role"] == "user" and "did not match the required JSON schema" in retry[-1]["content"]
    assert list(AIUsage.objects.filter(step="overview").values_list("outcome", flat=True).order_by("id")) == [
        "invalid",
        "ok",
    ]


@pytest.mark.parametrize("bad", ["invalid_json", "missing_fields", "wrong_types"])
def test_an_answer_invalid_twice_fails_the_job_with_a_clear_reason(team, brief, generate, fake_openai, bad):
    fake_openai.queue(bad, bad)

    generate(brief)

    job = AIJob.objects.get()
    assert job.status == AIJob.Status.FAILED and job.error_code == "ai_invalid_answer"
    assert "did not match the expected format" in job.error
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.FAILED and plan.result == {} and plan.error == job.error
    assert fake_openai.call_count == 2  # invalid answers are not retried by the job
    assert _events(team.project, "plan.")[-1][0] == "plan.failed"


def test_a_schedule_past_the_deadline_is_sent_back(team, brief, generate, fake_openai):
    import datetime

    team.project.deadline = datetime.date.today()
    team.project.save()

    generate(brief)

    # The fake dates its phases from today on: the second ends after today's deadline.
    schedule_calls = [
        c for c in fake_openai.calls if c["body"]["response_format"]["json_schema"]["name"] == "plan_schedule"
    ]
    assert len(schedule_calls) == 2
    assert "after the deadline" in schedule_calls[1]["body"]["messages"][-1]["content"]
    assert AIJob.objects.get().error_code == "ai_invalid_answer"


@pytest.mark.parametrize("route", ["brief-plans", "plan-regenerate", "ai-job-retry", "ai-job-approve"])
def test_without_a_key_ai_routes_answer_503(planning, settings, route):
    settings.OPENAI_API_KEY = ""
    kwargs = {
        "brief-plans": {"brief_id": planning.brief.pk},
        "plan-regenerate": {"plan_id": planning.plan.pk},
        "ai-job-retry": {"job_id": planning.stuck_job.pk},
        "ai-job-approve": {"job_id": planning.waiting_job.pk},
    }[route]
    jobs = AIJob.objects.count()

    response = planning.ctx.client("owner").post(
        reverse(route, kwargs=kwargs), {"section": "shots"} if route == "plan-regenerate" else None, format="json"
    )

    error = assert_error(response, 503, "ai_not_configured")
    assert "OPENAI_API_KEY" in error["message"]
    assert AIJob.objects.count() == jobs
    settings_body = (
        planning.ctx.client("owner")
        .get(reverse("project-ai-settings", kwargs={"project_id": planning.ctx.project.pk}))
        .json()
    )
    assert settings_body["ai_configured"] is False


def test_a_refused_request_fails_at_once_without_retries(team, brief, generate, fake_openai):
    fake_openai.queue("401")

    generate(brief)

    job = AIJob.objects.get()
    assert job.status == AIJob.Status.FAILED and job.error_code == "ai_request_refused"
    assert "401" in job.error and "OPENAI_API_KEY" in job.error
    assert fake_openai.call_count == 1 and job.attempts == 1
    assert AIUsage.objects.get().outcome == "error" and AIUsage.objects.get().http_attempts == 1


def test_sweeper_reruns_a_job_whose_worker_died(team, brief, fake_openai, django_capture_on_commit_callbacks):
    job = services.plan_request(brief=brief, actor=team.users["editor"])
    runner._claim(job.pk)  # a worker took it, then died: the lease runs out
    AIJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert ai_jobs_sweep.delay().get() == 1

    job.refresh_from_db()
    assert job.status == AIJob.Status.SUCCEEDED and job.attempts == 2
    assert PlanRevision.objects.filter(plan=job.plan).count() == 1
