from dataclasses import dataclass

import pytest

from apps.ai_planning.models import AIJob, Brief, Plan
from apps.feedbacks.models import Version
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.projects.tests.conftest import (  # noqa: F401 — fixtures reused from the projects app
    ROLES,
    ProjectWithRoles,
    client_for,
    client_of,
    project_with_roles,
)
from tests.fake_image_search import FakeImageSearch
from tests.fake_openai import FakeOpenAI

from .factories import AIJobFactory, BriefFactory, PlanFactory


@pytest.fixture(scope="session")
def _openai_server():
    server = FakeOpenAI(slow_seconds=1.5).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _image_server():
    server = FakeImageSearch(slow_seconds=1.5).start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(_openai_server, settings) -> FakeOpenAI:
    """AI on, pointed at the local fake server; fast retries so failure tests stay quick."""
    _openai_server.reset()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = _openai_server.base_url
    settings.OPENAI_MODEL = "gpt-4o-mini"
    settings.AI_TIMEOUT_SECONDS = 0.5
    settings.AI_MAX_RETRIES = 2
    settings.AI_RETRY_BASE_SECONDS = 0.01
    settings.AI_RETRY_MAX_SECONDS = 0.05
    settings.AI_JOB_MAX_ATTEMPTS = 2
    settings.AI_JOB_RETRY_BASE_SECONDS = 0
    settings.AI_DEFAULT_MONTHLY_BUDGET_USD = 20.0
    settings.AI_DEFAULT_APPROVAL_THRESHOLD_USD = 0.5
    yield _openai_server
    _openai_server.reset()


@pytest.fixture
def no_ai(settings):
    settings.OPENAI_API_KEY = ""


@pytest.fixture
def fake_images(_image_server, settings) -> FakeImageSearch:
    """Pexels on (the other providers are chosen by their own keys in their tests)."""
    _image_server.reset()
    settings.GOOGLE_CSE_KEY = settings.GOOGLE_CSE_CX = settings.UNSPLASH_ACCESS_KEY = ""
    settings.PEXELS_API_KEY = "pexels-test"
    settings.GOOGLE_CSE_URL = _image_server.url("/customsearch/v1")
    settings.PEXELS_URL = _image_server.url("/v1/search")
    settings.UNSPLASH_URL = _image_server.url("/search/photos")
    settings.IMAGE_SEARCH_TIMEOUT_SECONDS = 0.5
    settings.IMAGE_SEARCH_MAX_RETRIES = 1
    yield _image_server
    _image_server.reset()


@pytest.fixture(autouse=True)
def _images_off_by_default(settings):
    settings.GOOGLE_CSE_KEY = settings.GOOGLE_CSE_CX = settings.PEXELS_API_KEY = settings.UNSPLASH_ACCESS_KEY = ""


@dataclass
class Planning:
    """project_with_roles plus a brief, a finished plan and jobs in each project."""

    ctx: ProjectWithRoles
    brief: Brief
    plan: Plan
    waiting_job: AIJob  # awaiting approval
    stuck_job: AIJob  # needs attention
    version: Version  # with two comments
    other_brief: Brief
    other_plan: Plan
    other_waiting_job: AIJob
    other_stuck_job: AIJob
    other_version: Version


def _objects(project, owner):
    brief = BriefFactory(project=project, created_by=owner)
    plan = PlanFactory(brief=brief)
    busy_brief = BriefFactory(project=project, created_by=owner)  # its plans are mid-lifecycle
    waiting = AIJobFactory(
        project=project,
        plan=PlanFactory(brief=busy_brief, queued=True),
        created_by=owner,
        status=AIJob.Status.AWAITING_APPROVAL,
        risk=AIJob.Risk.HIGH,
    )
    stuck = AIJobFactory(
        project=project,
        plan=PlanFactory(brief=busy_brief, failed=True),
        created_by=owner,
        status=AIJob.Status.NEEDS_ATTENTION,
        attempts=2,
    )
    version = VersionFactory(asset=AssetFactory(project=project))
    for body in ("색감이 차가워요", "음악이 커요"):
        FeedbackFactory(version=version, body=body)
    return brief, plan, waiting, stuck, version


@pytest.fixture
def planning(project_with_roles, fake_openai) -> Planning:  # noqa: F811
    ctx = project_with_roles
    mine = _objects(ctx.project, ctx.project.owner)
    theirs = _objects(ctx.other, ctx.other.owner)
    return Planning(ctx, *mine, *theirs)
