"""The metrics table of apps/monitoring/README.md is what /metrics serves: every row's family
is on /metrics and moves after the action the row names (through the real path: HTTP,
WebSocket, Celery, the AI client against the fake OpenAI server, tracker ingestion, the
database), and every vp_* family /metrics serves has a row. Docs and metrics cannot drift."""

import re
import socket
import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from apps.core.ws.tickets import ticket_issue
from config.asgi import application
from config.celery import app as celery_app
from tests.factories import UserFactory
from tests.fake_openai import FakeOpenAI

from .analytics_support import event, make_site, send
from .conftest import client_for, make_rule, put
from .factories import HostFactory

pytestmark = pytest.mark.django_db(transaction=True)

AUTH = {"HTTP_AUTHORIZATION": "Bearer test-metrics-token"}


def documented() -> dict[str, str]:
    """Family → its "Moves when" cell, from the README's metrics table."""
    text = (settings.BASE_DIR / "apps" / "monitoring" / "README.md").read_text()
    rows = re.findall(r"^\| `(vp_[a-z0-9_]+)` \|[^|]*\|[^|]*\|[^|]*\|([^|]*)\|$", text, re.M)
    return {family: moves.strip() for family, moves in rows}


def scrape(client) -> dict[str, float]:
    """Family (as documented: counters with _total) → the sum of its values (histograms: count)."""
    response = client.get("/metrics", **AUTH)
    assert response.status_code == 200
    out: dict[str, float] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        if family.name.endswith("_created"):  # prometheus_client's creation timestamps
            continue
        name = family.name + "_total" if family.type == "counter" else family.name
        wanted = {
            "counter": family.name + "_total",
            "histogram": family.name + "_count",
        }.get(family.type, family.name)
        out[name] = sum(sample.value for sample in family.samples if sample.name == wanted)
    return out


@celery_app.task(bind=True, name="tests.monitoring.flaky", max_retries=1)
def flaky(self):
    """Fails once, then succeeds: a retry through Celery's own machinery."""
    if self.request.retries == 0:
        raise self.retry(countdown=0)
    return "ok"


@pytest.fixture(scope="module")
def openai_server():
    server = FakeOpenAI().start()
    yield server
    server.stop()


def http_request(ctx):
    assert client_for(ctx["staff"]).get("/api/v1/monitoring/hosts/").status_code == 200


def websocket_connect(ctx):
    """Returns the scrape taken while the socket is open (then it closes)."""

    async def connect_and_scrape():
        ticket = await sync_to_async(ticket_issue)(user_id=ctx["staff"].pk)
        communicator = WebsocketCommunicator(
            application, f"/ws/monitoring/?ticket={ticket}", headers=[(b"origin", b"http://localhost:3000")]
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        try:
            assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"  # counted by then
            return await sync_to_async(scrape)(ctx["client"])
        finally:
            await communicator.disconnect()

    return async_to_sync(connect_and_scrape)()


def celery_task(ctx):
    flaky.apply(throw=False)  # eagerly: the first run retries, the retry succeeds


def ai_call(ctx):
    from apps.ai_planning import ai_client
    from apps.projects.tests.factories import ProjectFactory

    server, overrides = ctx["openai"], ctx["settings"]
    overrides.OPENAI_API_KEY = "sk-test"
    overrides.OPENAI_BASE_URL = server.base_url
    call = ai_client.Call(project_id=ProjectFactory().pk, job=None, kind="plan", step="docs", model="gpt-4o-mini")
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}},
        "required": ["title"],
        "additionalProperties": False,
    }
    messages = [{"role": "user", "content": f"title {uuid.uuid4()}"}]
    ai_client.complete_json(call=call, messages=messages, schema_name="docs", schema=schema, use_cache=False)


def analytics_ingestion(ctx):
    assert send(ctx["client"], make_site(), [event()]).status_code in (200, 202, 204)


def denylist_with_redis_down(ctx):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    ctx["settings"].CACHES = {"default": {**settings.CACHES["default"], "LOCATION": dead}}
    client_for(ctx["staff"]).get("/api/v1/monitoring/hosts/")  # the token check fails open


def project_created(ctx):
    from apps.projects.tests.factories import ProjectFactory

    ProjectFactory()


def user_signs_in(ctx):
    from apps.users.services import token_pair_for

    token_pair_for(UserFactory())


def comment_written(ctx):
    from apps.feedbacks.tests.factories import FeedbackFactory

    FeedbackFactory()


def alert_fires(ctx):
    from apps.monitoring.services.alerts import rule_evaluate

    host, now = HostFactory(name="docs-alert"), timezone.now()
    put(host, "cpu.percent", 99, now)
    rule_evaluate(rule=make_rule(), now=now)


def host_sample(ctx):
    put(HostFactory(name="docs-host"), "cpu.percent", 12, timezone.now())


def message_queued(ctx):
    queue = f"docs-metrics-{uuid.uuid4().hex[:8]}"
    ctx["settings"].MONITORING_CELERY_QUEUES = [queue]
    ctx["before"] = scrape(ctx["client"])  # the gauge for this queue, before the message
    celery_app.send_task("tests.monitoring.flaky", queue=queue)
    ctx["cleanup"].append(lambda: celery_app.connection_for_write().default_channel.client.delete(queue))


def cache_lookup(ctx):
    cache.get(f"docs-metrics-missing-{uuid.uuid4()}")


def backup_succeeds(ctx):
    from django.core.files.storage import storages

    from apps.monitoring.services.backups import backup_create

    ctx["settings"].STORAGES = {
        **settings.STORAGES,
        "backups": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": ctx["tmp"]}},
    }
    storages._storages.pop("backups", None)
    ctx["cleanup"].append(lambda: storages._storages.pop("backups", None))
    assert backup_create().status == "succeeded"


# "Moves when" (the README's words) → the action that does it.
ACTIONS = {
    "an HTTP request": http_request,
    "an HTTP request that queries": http_request,
    "a WebSocket connects / closes": websocket_connect,
    "a task finishes": celery_task,
    "a task retries": celery_task,
    "a task runs": celery_task,
    "an AI call": ai_call,
    "an AI call that reaches the server": ai_call,
    "an analytics ingestion": analytics_ingestion,
    "a token check with Redis unreachable": denylist_with_redis_down,
    "a project is created": project_created,
    "a user signs in": user_signs_in,
    "a comment is written": comment_written,
    "an alert rule fires": alert_fires,
    "a host sample is stored": host_sample,
    "a message is queued": message_queued,
    "a cache lookup": cache_lookup,
    "a backup succeeds": backup_succeeds,
}


def test_the_table_is_there_and_every_action_is_known():
    table = documented()
    assert len(table) >= 20, "the metrics table of apps/monitoring/README.md was not found"
    assert sorted(set(table.values()) - set(ACTIONS)) == [], "a row names an action this test cannot perform"


def test_every_family_on_metrics_is_documented(client):
    served = {name for name in scrape(client) if name.startswith("vp_")}
    assert sorted(served - set(documented())) == [], "served on /metrics but missing from the README table"


@pytest.mark.parametrize("family", sorted(documented()))
def test_each_documented_family_is_served_and_moves_after_its_action(family, client, settings, tmp_path, openai_server):
    ctx = {
        "client": client,
        "settings": settings,
        "staff": UserFactory(is_staff=True),
        "openai": openai_server,
        "tmp": str(tmp_path),
        "cleanup": [],
    }
    ctx["before"] = scrape(client)
    try:
        after = ACTIONS[documented()[family]](ctx) or scrape(client)
    finally:
        for undo in ctx["cleanup"]:
            undo()
    assert family in after, f"{family} is documented but not on /metrics"
    assert after[family] != ctx["before"].get(family, 0.0), f"{family} did not move after {documented()[family]!r}"
