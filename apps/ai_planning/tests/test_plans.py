"""Briefs, plan edits, revisions, section regeneration, CSV export, settings and usage: the
public HTTP surface and what it leaves in the database."""

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning import planning as spec
from apps.ai_planning import services
from apps.ai_planning.models import AIJob, AISettings, AIUsage, Brief, Plan, PlanRevision
from apps.core.tests.assertions import assert_error

from .factories import PlanFactory

pytestmark = pytest.mark.django_db

GOOD_BRIEF = {
    "title": "봄 캠페인 티저",
    "description": "봄 신상품을 소개하는 15초 티저",
    "video_type": "광고",
    "target_duration_seconds": 15,
    "audience": "20대",
    "tone": "밝은",
    "platform": "Instagram",
    "language": "ko",
}


def _post_brief(p, body):
    return p.ctx.client("editor").post(
        reverse("project-briefs", kwargs={"project_id": p.ctx.project.pk}), body, format="json"
    )


def test_brief_create_returns_all_fields_and_records_activity(planning):
    response = _post_brief(planning, GOOD_BRIEF)

    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in GOOD_BRIEF} == GOOD_BRIEF
    assert body["project"] == str(planning.ctx.project.pk)
    assert body["created_by"]["id"] == str(planning.ctx.users["editor"].pk)
    url = reverse("project-briefs", kwargs={"project_id": planning.ctx.project.pk})
    listed = planning.ctx.client("viewer").get(url)
    assert body["id"] in [item["id"] for item in listed.json()["results"]]


def test_brief_language_defaults_to_korean(planning):
    body = {key: value for key, value in GOOD_BRIEF.items() if key != "language"}
    assert _post_brief(planning, body).json()["language"] == "ko"


BAD_BRIEFS = {
    "missing_title": ({k: v for k, v in GOOD_BRIEF.items() if k != "title"}, "title"),
    "missing_description": ({k: v for k, v in GOOD_BRIEF.items() if k != "description"}, "description"),
    "oversized_title": ({**GOOD_BRIEF, "title": "가" * 201}, "title"),
    "oversized_description": ({**GOOD_BRIEF, "description": "x" * 5001}, "description"),
    "duration_zero": ({**GOOD_BRIEF, "target_duration_seconds": 0}, "target_duration_seconds"),
    "duration_ten_hours": ({**GOOD_BRIEF, "target_duration_seconds": 36000}, "target_duration_seconds"),
    "duration_not_a_number": ({**GOOD_BRIEF, "target_duration_seconds": "long"}, "target_duration_seconds"),
    "unknown_language": ({**GOOD_BRIEF, "language": "fr"}, "language"),
    "unknown_field": ({**GOOD_BRIEF, "project": "someone-elses"}, "project"),
}


@pytest.mark.parametrize("case", BAD_BRIEFS.values(), ids=BAD_BRIEFS.keys())
def test_brief_create_rejects_bad_input(planning, case):
    body, field = case
    count = Brief.objects.count()

    assert_error(_post_brief(planning, body), 400, "validation_error", details={field})
    assert Brief.objects.count() == count


def test_brief_patch_rejects_ten_hours_and_keeps_the_brief(planning):
    url = reverse("brief-detail", kwargs={"brief_id": planning.brief.pk})
    assert_error(
        planning.ctx.client("owner").patch(url, {"target_duration_seconds": 36000}, format="json"),
        400,
        "validation_error",
        details={"target_duration_seconds"},
    )
    planning.brief.refresh_from_db()
    assert planning.brief.target_duration_seconds == 60


def test_deleting_a_brief_whose_plan_is_generating_is_refused(planning):
    busy = planning.waiting_job.plan.brief
    assert_error(
        planning.ctx.client("owner").delete(reverse("brief-detail", kwargs={"brief_id": busy.pk})), 409, "plan_busy"
    )
    assert Brief.objects.filter(pk=busy.pk).exists()


# --- edits and revisions ---------------------------------------------------------------------


def _patch(p, body, actor="editor", plan=None):
    return p.ctx.client(actor).patch(
        reverse("plan-detail", kwargs={"plan_id": (plan or p.plan).pk}), body, format="json"
    )


def test_an_edit_is_a_new_revision_and_can_be_restored(planning):
    edited = {**planning.plan.result, "logline": "수정된 로그라인"}
    edited["shots"][0]["description"] = "클로즈업: 이어폰을 꽂는 손"

    response = _patch(planning, {"result": edited, "base_revision": 1})

    assert response.status_code == 200, response.content
    assert response.json()["revision"] == 2 and response.json()["result"]["logline"] == "수정된 로그라인"
    revisions = planning.ctx.client("viewer").get(reverse("plan-revisions", kwargs={"plan_id": planning.plan.pk}))
    assert [(r["number"], r["source"]) for r in revisions.json()["results"]] == [(2, "edit"), (1, "generated")]
    assert revisions.json()["results"][0]["author"]["id"] == str(planning.ctx.users["editor"].pk)

    restored = planning.ctx.client("editor").post(
        reverse("plan-revision-restore", kwargs={"plan_id": planning.plan.pk, "number": 1})
    )

    assert restored.status_code == 200
    assert restored.json()["revision"] == 3 and restored.json()["result"]["logline"] != "수정된 로그라인"
    assert PlanRevision.objects.get(plan=planning.plan, number=3).source == "restore"
    old = planning.ctx.client("viewer").get(reverse("plan-revision", kwargs={"plan_id": planning.plan.pk, "number": 2}))
    assert old.json()["result"]["logline"] == "수정된 로그라인"


def test_an_edit_from_a_stale_revision_is_refused(planning):
    _patch(planning, {"result": planning.plan.result, "base_revision": 1})
    error = assert_error(_patch(planning, {"result": planning.plan.result, "base_revision": 1}), 409, "stale_revision")
    assert error["details"] == {"revision": 2}


BAD_EDITS = {
    "not_an_object": lambda r: {"result": [1, 2]},
    "missing_shots": lambda r: {"result": {k: v for k, v in r.items() if k != "shots"}},
    "wrong_type": lambda r: {"result": {**r, "sections": "one"}},
    "unknown_shot_size": lambda r: {"result": {**r, "shots": [{**r["shots"][0], "shot_size": "giant"}]}},
    "unknown_key": lambda r: {"result": {**r, "is_staff": True}},
    "no_result": lambda r: {"base_revision": 1},
}


@pytest.mark.parametrize("make", BAD_EDITS.values(), ids=BAD_EDITS.keys())
def test_edit_rejects_an_invalid_plan_and_keeps_the_old_one(planning, make):
    assert_error(_patch(planning, make(planning.plan.result)), 400, "validation_error")
    planning.plan.refresh_from_db()
    assert planning.plan.revision == 1 and PlanRevision.objects.filter(plan=planning.plan).count() == 1


def test_editing_a_plan_that_is_still_running_is_refused(planning):
    running = planning.waiting_job.plan
    error = assert_error(_patch(planning, {"result": planning.plan.result}, plan=running), 409, "plan_busy")
    assert error["message"] == "기획안을 생성하는 중입니다. 끝날 때까지 기다리세요."
    english = planning.ctx.client("editor").patch(
        reverse("plan-detail", kwargs={"plan_id": running.pk}),
        {"result": planning.plan.result},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (
        assert_error(english, 409, "plan_busy")["message"] == "The plan is being generated. Wait until it has finished."
    )
    running.refresh_from_db()
    assert running.result == {} and running.revision == 0


# --- regenerate one section ---------------------------------------------------------------------


def _regenerate(p, section, capture=None):
    url = reverse("plan-regenerate", kwargs={"plan_id": p.plan.pk})
    if capture is None:
        return p.ctx.client("editor").post(url, {"section": section}, format="json")
    with capture(execute=True):
        return p.ctx.client("editor").post(url, {"section": section}, format="json")


def test_regenerate_replaces_one_section_and_keeps_the_rest(planning, fake_openai, django_capture_on_commit_callbacks):
    before = planning.plan.result

    response = _regenerate(planning, "shots", django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.content
    job = AIJob.objects.get(pk=response.json()["id"])
    assert job.kind == "regenerate_section" and job.params == {"section": "shots"} and job.priority == "high"
    assert job.status == AIJob.Status.SUCCEEDED
    plan = Plan.objects.get(pk=planning.plan.pk)
    assert plan.revision == 2 and not plan.busy
    assert {k: v for k, v in plan.result.items() if k != "shots"} == {k: v for k, v in before.items() if k != "shots"}
    assert spec.plan_errors(plan.result) == []
    assert plan.result["shots"] != before["shots"] or fake_openai.call_count == 1
    revision = PlanRevision.objects.get(plan=plan, number=2)
    assert (revision.source, revision.section, revision.job_id) == ("regenerated", "shots", job.pk)
    sent = fake_openai.calls[0]["body"]
    assert sent["response_format"]["json_schema"]["name"] == "plan_shots"
    assert str(job.pk) in sent["messages"][1]["content"]  # a variation: never answered from the cache


def test_regenerate_rejects_an_unknown_section(planning):
    error = assert_error(_regenerate(planning, "soundtrack"), 400, "validation_error", details={"section"})
    assert error["details"]["section"]
    assert not AIJob.objects.filter(kind="regenerate_section").exists()


def test_regenerate_while_a_regeneration_runs_is_refused(planning):
    assert _regenerate(planning, "scenes").status_code == 202  # not run: nothing commits in this test
    assert_error(_regenerate(planning, "shots"), 409, "plan_busy")
    assert_error(_patch(planning, {"result": planning.plan.result}), 409, "plan_busy")


def test_regenerate_of_a_failed_plan_is_refused(planning):
    failed = planning.stuck_job.plan
    url = reverse("plan-regenerate", kwargs={"plan_id": failed.pk})
    assert_error(planning.ctx.client("editor").post(url, {"section": "shots"}, format="json"), 409, "plan_not_ready")


# --- CSV export ---------------------------------------------------------------------------------


def test_shot_list_exports_as_csv_with_a_bom(planning):
    result = planning.plan.result
    result["shots"][0].update(description='=HYPERLINK("x") 손 클로즈업', props=["이어폰", "가방"])
    Plan.objects.filter(pk=planning.plan.pk).update(result=result)

    response = planning.ctx.client("viewer").get(
        reverse("plan-export", kwargs={"plan_id": planning.plan.pk}), {"format": "csv"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Named after the brief, in the reader's language (RFC 6266 filename*), not by uuid.
    name = f"{planning.plan.brief.title} 샷 리스트 r{planning.plan.revision}.csv"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{quote(name)}")
    english = planning.ctx.client("viewer").get(
        reverse("plan-export", kwargs={"plan_id": planning.plan.pk}), {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (
        quote(f"{planning.plan.brief.title} shot list r{planning.plan.revision}.csv") in english["Content-Disposition"]
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "number",
        "scene",
        "shot_size",
        "camera_movement",
        "description",
        "audio",
        "duration_seconds",
        "location",
        "props",
    ]
    assert len(rows) == len(result["shots"]) + 1
    assert rows[1][4] == '\'=HYPERLINK("x") 손 클로즈업'  # never a live formula
    assert rows[1][8] == "이어폰; 가방"


@pytest.mark.parametrize("query", [{"format": "xlsx"}, {}])
def test_export_rejects_other_formats(planning, query):
    response = planning.ctx.client("viewer").get(reverse("plan-export", kwargs={"plan_id": planning.plan.pk}), query)
    assert_error(response, 400, "validation_error", details={"format"})


def test_export_of_a_plan_without_content_is_a_conflict(planning):
    url = reverse("plan-export", kwargs={"plan_id": planning.stuck_job.plan.pk})
    assert_error(planning.ctx.client("viewer").get(url, {"format": "csv"}), 409, "plan_not_ready")


# --- settings, jobs and usage -------------------------------------------------------------------


def _settings_url(p):
    return reverse("project-ai-settings", kwargs={"project_id": p.ctx.project.pk})


def test_settings_default_from_the_environment_and_managers_change_them(planning):
    body = planning.ctx.client("viewer").get(_settings_url(planning)).json()
    assert body["monthly_budget_usd"] == "20.000000" and body["approval_threshold_usd"] == "0.500000"
    assert body["effective_model"] == "gpt-4o-mini" and body["ai_configured"] is True
    assert body["image_search_provider"] is None

    response = planning.ctx.client("manager").patch(
        _settings_url(planning), {"monthly_budget_usd": "35.5", "model": "gpt-4.1-mini"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["monthly_budget_usd"] == "35.500000" and response.json()["effective_model"] == "gpt-4.1-mini"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"monthly_budget_usd": "0"}, "monthly_budget_usd"),
        ({"monthly_budget_usd": "-5"}, "monthly_budget_usd"),
        ({"approval_threshold_usd": "cheap"}, "approval_threshold_usd"),
        ({"model": "m" * 101}, "model"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_settings_reject_bad_input(planning, body, field):
    AISettings.objects.filter(project=planning.ctx.project).delete()
    assert_error(
        planning.ctx.client("owner").patch(_settings_url(planning), body, format="json"),
        400,
        "validation_error",
        details={field},
    )


def test_job_list_filters_and_pages(planning):
    url = reverse("project-ai-jobs", kwargs={"project_id": planning.ctx.project.pk})
    body = planning.ctx.client("viewer").get(url).json()
    assert {job["id"] for job in body["results"]} == {str(planning.waiting_job.pk), str(planning.stuck_job.pk)}
    waiting = planning.ctx.client("viewer").get(url, {"status": "awaiting_approval"}).json()["results"]
    assert [job["id"] for job in waiting] == [str(planning.waiting_job.pk)]
    assert_error(
        planning.ctx.client("viewer").get(url, {"status": "sleeping"}), 400, "validation_error", details={"status"}
    )


def test_job_list_query_count_does_not_grow_with_the_page(planning, django_assert_max_num_queries):
    from .factories import AIJobFactory

    url = reverse("project-ai-jobs", kwargs={"project_id": planning.ctx.project.pk})
    client = planning.ctx.client("viewer")
    client.get(url)  # warm the role cache path
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for _ in range(10):
        AIJobFactory(
            project=planning.ctx.project,
            created_by=planning.ctx.users["editor"],
            approved_by=planning.ctx.users["owner"],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["results"]) == 12


def test_usage_totals_per_day_and_kind_cache_rate_and_forecast(planning):
    project = planning.ctx.project
    now = timezone.now()
    rows = [
        ("plan", Decimal("0.30"), False),
        ("plan", Decimal("0"), True),
        ("regenerate_section", Decimal("0.10"), False),
    ]
    for kind, cost, hit in rows:
        AIUsage.objects.create(
            project=project,
            kind=kind,
            model="gpt-4o-mini",
            cost_usd=cost,
            cache_hit=hit,
            prompt_tokens=100,
            completion_tokens=50,
        )
    old = AIUsage.objects.create(project=project, kind="plan", model="gpt-4o-mini", cost_usd=Decimal("9"))
    AIUsage.objects.filter(pk=old.pk).update(created_at=services.month_start(now) - datetime.timedelta(days=1))
    AIUsage.objects.create(project=planning.ctx.other, kind="plan", model="gpt-4o-mini", cost_usd=Decimal("5"))

    body = planning.ctx.client("viewer").get(reverse("project-ai-usage", kwargs={"project_id": project.pk})).json()

    assert body["month"] == now.strftime("%Y-%m")
    assert Decimal(body["month_to_date_usd"]) == Decimal("0.40")
    assert body["calls"] == 3 and body["cache_hits"] == 1 and body["cache_hit_rate"] == pytest.approx(1 / 3, 1e-3)
    assert body["tokens"] == 450
    assert Decimal(body["budget_usd"]) == 20 and body["budget_used_percent"] == 2.0
    assert {(d["kind"], Decimal(d["cost_usd"])) for d in body["daily"]} == {
        ("plan", Decimal("0.30")),
        ("regenerate_section", Decimal("0.10")),
    }
    assert all(
        d["date"] == timezone.localdate().isoformat() or d["date"] == now.date().isoformat() for d in body["daily"]
    )
    assert Decimal(body["forecast_usd"]) >= Decimal("0.40")
    assert body["ai_configured"] is True
    previous = (services.month_start(now) - datetime.timedelta(days=1)).strftime("%Y-%m")
    past = (
        planning.ctx.client("viewer")
        .get(reverse("project-ai-usage", kwargs={"project_id": project.pk}), {"month": previous})
        .json()
    )
    assert Decimal(past["month_to_date_usd"]) == 9 and Decimal(past["forecast_usd"]) == 9
    assert_error(
        planning.ctx.client("viewer").get(
            reverse("project-ai-usage", kwargs={"project_id": project.pk}), {"month": "2026-13"}
        ),
        400,
        "validation_error",
        details={"month"},
    )


def test_plan_step_schemas_are_strict():
    """Structured outputs in strict mode need every property required and no extras."""

    def walk(schema):
        if schema.get("type") == "object":
            assert schema["additionalProperties"] is False
            assert set(schema["required"]) == set(schema["properties"])
            for sub in schema["properties"].values():
                walk(sub)
        if schema.get("type") == "array":
            walk(schema["items"])

    for schema in spec.STEP_SCHEMAS.values():
        walk(schema)


def test_fit_durations_adds_up_to_the_target():
    sections = [{"duration_seconds": 7}, {"duration_seconds": 7}, {"duration_seconds": 7}]
    for target in (5, 20, 61, 3600):
        fitted = spec.fit_durations(sections, target)
        assert sum(s["duration_seconds"] for s in fitted) == target and all(s["duration_seconds"] >= 1 for s in fitted)


def test_factory_plan_is_schema_valid():
    assert spec.plan_errors(PlanFactory.build().result) == []


def test_demo_plan_is_schema_valid_and_needs_no_ai(project_with_roles, no_ai):
    from apps.ai_planning.demo import seed_demo_plan

    plan = seed_demo_plan(project=project_with_roles.project, actor=project_with_roles.users["editor"])

    assert plan.status == Plan.Status.SUCCEEDED and plan.revision == 1
    assert sum(s["duration_seconds"] for s in plan.result["sections"]) == plan.brief.target_duration_seconds
    assert not AIJob.objects.exists() and not AIUsage.objects.exists()


def test_demo_plan_adds_up_from_shots_to_the_brief(project_with_roles, no_ai):
    """Shots fill their scene, scenes their section, sections the brief's target: a new user's
    first plan is the example of a consistent one."""
    from apps.ai_planning.demo import seed_demo_plan

    result = seed_demo_plan(project=project_with_roles.project, actor=project_with_roles.users["editor"]).result

    for scene in result["scenes"]:
        shots = [s["duration_seconds"] for s in result["shots"] if s["scene"] == scene["number"]]
        assert sum(shots) == scene["duration_seconds"], scene["heading"]
    for section in result["sections"]:
        scenes = [s["duration_seconds"] for s in result["scenes"] if s["section"] == section["title"]]
        assert sum(scenes) == section["duration_seconds"], section["title"]
    assert sum(s["duration_seconds"] for s in result["shots"]) == 90
    assert {frame["shot"] for frame in result["storyboard"]} == {shot["number"] for shot in result["shots"]}
