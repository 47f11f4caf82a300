"""Every AI call the client finishes moves the vp_ai_* counters on /metrics (model, kind,
outcome, cache) — in this process through the real `openai` client and the fake server, and
in a real Celery worker whose multiprocess files the web's /metrics sums."""

import time
import uuid

import pytest
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from apps.ai_planning import ai_client, planning
from apps.ai_planning.models import AIJob, AIUsage
from tests.workers import real_worker

from .factories import BriefFactory

AUTH = {"HTTP_AUTHORIZATION": "Bearer test-metrics-token"}
SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}},
    "required": ["title"],
    "additionalProperties": False,
}


def scrape(client) -> dict[tuple[str, tuple], float]:
    """(sample name, sorted labels) → value, for the vp_ai_* families."""
    response = client.get("/metrics", **AUTH)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        if family.name.startswith("vp_ai_")
        for sample in family.samples
    }


def value(scraped: dict, name: str, **labels) -> float:
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.django_db
def test_each_outcome_is_counted_with_its_labels(client, project_with_roles, fake_openai):
    model = f"metrics-{uuid.uuid4().hex[:8]}"  # counters are process-wide: a label of its own
    call = ai_client.Call(project_id=project_with_roles.project.pk, job=None, kind="plan", step="t", model=model)
    messages = [{"role": "user", "content": "a title"}]

    def ask(**kwargs):
        return ai_client.complete_json(call=call, messages=messages, schema_name="t", schema=SCHEMA, **kwargs)

    answer = ask()
    assert ask().cache_hit
    fake_openai.queue("429", "429", "429")
    with pytest.raises(ai_client.AITransientError):
        ask(use_cache=False)
    fake_openai.queue("401")
    with pytest.raises(ai_client.AIRequestRefused):
        ask(use_cache=False)
    fake_openai.queue("invalid_json", "invalid_json")
    with pytest.raises(ai_client.AIInvalidAnswer):
        ask(use_cache=False)

    after = scrape(client)
    calls = {
        (labels["outcome"], labels["cache"]): v
        for (name, items), v in after.items()
        if name == "vp_ai_calls_total" and (labels := dict(items))["model"] == model
    }
    assert calls == {
        ("ok", "miss"): 1,
        ("ok", "hit"): 1,
        ("rate_limited", "miss"): 1,
        ("refused", "miss"): 1,
        ("invalid", "miss"): 2,
    }
    assert {dict(items)["kind"] for (name, items) in after if dict(items).get("model") == model} == {"plan"}
    usage = AIUsage.objects.filter(model=model)
    assert value(after, "vp_ai_tokens_total", model=model, kind="plan", type="prompt") == sum(
        row.prompt_tokens for row in usage
    )
    assert value(after, "vp_ai_tokens_total", model=model, kind="plan", type="completion") == sum(
        row.completion_tokens for row in usage
    )
    assert answer.prompt_tokens > 0
    cost = value(after, "vp_ai_cost_usd_total", model=model, kind="plan")
    assert cost == pytest.approx(float(sum(row.cost_usd for row in usage))) and cost > 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_a_plan_made_in_a_real_worker_moves_the_counters_on_the_web_metrics(
    client, project_with_roles, fake_openai, tmp_path, monkeypatch
):
    """The worker writes into PROMETHEUS_MULTIPROC_DIR; /metrics of this process (the web
    role) reads that folder as Daphne does in `make run`."""
    with real_worker(
        "ai-metrics",
        OPENAI_API_KEY="sk-worker",
        OPENAI_BASE_URL=fake_openai.base_url,
        AI_RETRY_BASE_SECONDS="0.01",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path),
        PEXELS_API_KEY="",
        GOOGLE_CSE_KEY="",
        UNSPLASH_ACCESS_KEY="",
    ):
        ctx = project_with_roles
        brief = BriefFactory(project=ctx.project, created_by=ctx.users["editor"])
        response = ctx.client("editor").post(reverse("brief-plans", kwargs={"brief_id": brief.pk}))
        assert response.status_code == 202
        deadline = time.monotonic() + 40
        while AIJob.objects.get(pk=response.json()["id"]).status != AIJob.Status.SUCCEEDED:
            assert time.monotonic() < deadline, AIJob.objects.get(pk=response.json()["id"]).error
            time.sleep(0.2)

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    scraped = scrape(client)
    model = AIJob.objects.get(pk=response.json()["id"]).model
    assert value(scraped, "vp_ai_calls_total", model=model, kind="plan", outcome="ok", cache="miss") == len(
        planning.STEPS
    )
    usage = AIUsage.objects.filter(job_id=response.json()["id"])
    assert value(scraped, "vp_ai_tokens_total", model=model, kind="plan", type="prompt") == sum(
        row.prompt_tokens for row in usage
    )
    assert value(scraped, "vp_ai_cost_usd_total", model=model, kind="plan") == pytest.approx(
        float(sum(row.cost_usd for row in usage))
    )
