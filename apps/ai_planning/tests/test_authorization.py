"""Every AI planning route × every kind of caller, expected statuses computed from the role
table (`permissions.ROLE_ACTIONS`): anonymous 401, non-member 404, a role without the
action 403, otherwise the route's success status. Then the same routes with the second
project's ids (BOLA): 404 and nothing changes."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from apps.ai_planning.api import urls as ai_urls
from apps.ai_planning.models import AIJob, AISettings, AIUsage, Brief, Plan, PlanRevision, VersionDigest
from apps.core.models import StreamEvent
from apps.core.tests.assertions import assert_error
from apps.projects.permissions import MANAGE, READ, RESOLVE, ROLE_ACTIONS, UPLOAD

from .conftest import ACTORS, Planning
from .factories import AIJobFactory

ERROR_CODES = {401: "not_authenticated", 403: "permission_denied", 404: "not_found"}


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    action: str
    kwargs: Callable[[Planning], dict]
    body: Callable[[Planning], dict] | None = None
    ok: int = 200

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"

    def call(self, p: Planning, actor: str):
        url = reverse(self.name, kwargs=self.kwargs(p))
        return getattr(p.ctx.client(actor), self.method.lower())(
            url, self.body(p) if self.body else None, format="json"
        )

    def expected(self, actor: str) -> int:
        if actor == "anonymous":
            return 401
        if actor == "non_member":
            return 404
        return self.ok if self.action in ROLE_ACTIONS[actor] else 403


def _project(p):
    return {"project_id": p.ctx.project.pk}


def _brief(p):
    return {"brief_id": p.brief.pk}


def _plan(p):
    return {"plan_id": p.plan.pk}


def _revision(p):
    return {"plan_id": p.plan.pk, "number": 1}


def _waiting(p):
    return {"job_id": p.waiting_job.pk}


def _stuck(p):
    return {"job_id": p.stuck_job.pk}


def _version(p):
    return {"version_id": p.version.pk}


BRIEF_BODY = {
    "title": "봄 캠페인",
    "description": "봄 신상품 소개",
    "video_type": "광고",
    "target_duration_seconds": 30,
}

ROUTES = [
    Route("project-briefs", "GET", READ, _project),
    Route("project-briefs", "POST", UPLOAD, _project, lambda p: BRIEF_BODY, ok=201),
    Route("brief-detail", "GET", READ, _brief),
    Route("brief-detail", "PATCH", UPLOAD, _brief, lambda p: {"tone": "차분한"}),
    Route("brief-detail", "DELETE", UPLOAD, _brief, ok=204),
    Route("brief-plans", "GET", READ, _brief),
    Route("brief-plans", "POST", UPLOAD, _brief, ok=202),
    Route("plan-detail", "GET", READ, _plan),
    Route("plan-detail", "PATCH", UPLOAD, _plan, lambda p: {"result": {**p.plan.result, "logline": "새 로그라인"}}),
    Route("plan-regenerate", "POST", UPLOAD, _plan, lambda p: {"section": "shots"}, ok=202),
    Route("plan-export", "GET", READ, _plan, lambda p: {"format": "csv"}),
    Route("plan-revisions", "GET", READ, _plan),
    Route("plan-revision", "GET", READ, _revision),
    Route("plan-revision-restore", "POST", UPLOAD, _revision),
    Route("project-ai-settings", "GET", READ, _project),
    Route("project-ai-settings", "PATCH", MANAGE, _project, lambda p: {"monthly_budget_usd": "50.00"}),
    Route("project-ai-usage", "GET", READ, _project),
    Route("project-ai-jobs", "GET", READ, _project),
    Route("ai-job-detail", "GET", READ, _waiting),
    Route("ai-job-approve", "POST", MANAGE, _waiting),
    Route("ai-job-reject", "POST", MANAGE, _waiting, lambda p: {"reason": "너무 비쌈"}),
    Route("ai-job-retry", "POST", UPLOAD, _stuck, ok=202),
    Route("version-digest", "GET", READ, _version),
    Route("version-digest", "POST", RESOLVE, _version, ok=202),
]


@pytest.fixture(autouse=True)
def _finished_digests(planning):
    """A finished digest on each project's version (GET has something to read)."""
    for version in (planning.version, planning.other_version):
        project = version.asset.project
        VersionDigest.objects.create(
            project=project,
            version=version,
            job=AIJobFactory(project=project, kind=AIJob.Kind.FEEDBACK_DIGEST, status=AIJob.Status.SUCCEEDED),
            result={"overview": "요약", "groups": []},
        )


def _state():
    models = (StreamEvent, Brief, Plan, PlanRevision, AIJob, AIUsage, VersionDigest)
    return tuple(model.objects.count() for model in models) + (
        tuple(AIJob.objects.order_by("pk").values_list("status", flat=True)),
        tuple(AISettings.objects.values_list("monthly_budget_usd", flat=True)),
        tuple(Brief.objects.order_by("pk").values_list("tone", flat=True)),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_role_table_holds_for_every_ai_route(planning, route, actor):
    expected = route.expected(actor)
    before = _state()

    response = route.call(planning, actor)

    if expected in ERROR_CODES:
        assert_error(response, expected, ERROR_CODES[expected])
        assert _state() == before, "a refused request changed something"
    else:
        assert response.status_code == expected, response.content[:500]


def test_route_table_covers_every_url_pattern():
    declared = set()
    for pattern in ai_urls.urlpatterns:
        view = pattern.callback.view_class
        for method in view.http_method_names:
            if method not in {"options", "head", "trace"} and hasattr(view, method):
                declared.add((pattern.name, method.upper()))
    tabled = {(route.name, route.method) for route in ROUTES}
    assert declared - tabled == set(), "routes missing from the authorization matrix"
    assert tabled - declared == set(), "the matrix lists routes that do not exist"


def _as_other_project(p: Planning) -> Planning:
    return dataclasses.replace(
        p,
        ctx=dataclasses.replace(p.ctx, project=p.ctx.other, _clients=p.ctx._clients),
        brief=p.other_brief,
        plan=p.other_plan,
        waiting_job=p.other_waiting_job,
        stuck_job=p.other_stuck_job,
        version=p.other_version,
    )


@pytest.mark.parametrize("actor", ["owner", "manager"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_second_projects_objects_are_not_found(planning, route, actor):
    before = _state()

    response = route.call(_as_other_project(planning), actor)

    assert_error(response, 404, "not_found")
    assert _state() == before


def test_restoring_another_plans_revision_number_is_not_found(planning):
    """Revision numbers are per plan: plan A's URL never reaches plan B's revisions."""
    url = reverse("plan-revision-restore", kwargs={"plan_id": planning.plan.pk, "number": 7})
    assert_error(planning.ctx.client("owner").post(url), 404, "not_found")
