"""The one way VideoPlanet talks to an AI model: chat completions with structured JSON
output over the official `openai` package, pointed at any OpenAI-compatible server.

Each call: cache lookup (key = model + messages + schema) → request with timeout →
retries with exponential backoff and jitter on 429/5xx/timeouts/connection errors →
JSON-schema validation (an invalid answer is asked again once, with the validation
error) → token and cost accounting in `AIUsage` (cache hits are recorded at zero cost) and
on `/metrics` (`vp_ai_calls_total`, `vp_ai_tokens_total`, `vp_ai_cost_usd_total`: Celery
workers write them into PROMETHEUS_MULTIPROC_DIR like the web processes)."""

import datetime
import hashlib
import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import jsonschema
import openai
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from apps.core.errors import ServiceUnavailable
from apps.monitoring.metrics import record_ai_call

from .models import AICacheEntry, AIJob, AIUsage

logger = logging.getLogger(__name__)


class AINotConfigured(ServiceUnavailable):
    code = "ai_not_configured"
    message = (
        "AI planning is not enabled on this server. Set OPENAI_API_KEY (and OPENAI_BASE_URL for an "
        "OpenAI-compatible server such as Ollama) in the environment and restart."
    )


class AIError(Exception):
    """A call that did not produce a usable answer. `code` is stored on the job."""

    code = "ai_error"
    transient = False
    outcome = "error"  # the `outcome` label of vp_ai_calls_total

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class AITransientError(AIError):
    """The server was busy, down or slow through every retry; the job may try again later."""

    code = "ai_unavailable"
    transient = True


class AIInvalidAnswer(AIError):
    code = "ai_invalid_answer"


class AIBudgetSpent(AIError):
    code = "budget_exceeded"


class AIRequestRefused(AIError):
    """The server refused the request itself (bad key, unknown model, 400): retrying won't help."""

    code = "ai_request_refused"


def is_configured() -> bool:
    return bool(settings.OPENAI_API_KEY)


def require_configured() -> None:
    if not is_configured():
        raise AINotConfigured()


def price_of(model: str) -> tuple[Decimal, Decimal]:
    """USD per token (input, output)."""
    per_million = settings.AI_PRICES.get(model, settings.AI_DEFAULT_PRICE)
    return Decimal(str(per_million[0])) / 1_000_000, Decimal(str(per_million[1])) / 1_000_000


def cost_of(model: str, prompt_tokens: int, completion_tokens: int) -> Decimal:
    input_price, output_price = price_of(model)
    return (input_price * prompt_tokens + output_price * completion_tokens).quantize(Decimal("0.000001"))


def estimate_tokens(text: str) -> int:
    """A deliberately generous estimate (Hangul runs ~1 token per character)."""
    return max(1, len(text) // 2)


def cache_key(model: str, messages: list[dict], schema: dict) -> str:
    raw = json.dumps({"model": model, "messages": messages, "schema": schema}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class Answer:
    data: dict
    prompt_tokens: int
    completion_tokens: int
    cost_usd: Decimal
    cache_hit: bool


@dataclass
class Call:
    project_id: object
    job: AIJob | None
    kind: str
    step: str
    model: str


_clients: dict[tuple, openai.OpenAI] = {}


def _client() -> openai.OpenAI:
    """One client (and connection pool) per configuration and process."""
    require_configured()
    config = (settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.AI_TIMEOUT_SECONDS)
    if config not in _clients:
        _clients[config] = openai.OpenAI(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL or None,
            timeout=settings.AI_TIMEOUT_SECONDS,
            max_retries=0,  # ours below: counted, jittered, and the same for every server
        )
    return _clients[config]


_RETRYABLE = (openai.RateLimitError, openai.InternalServerError, openai.APITimeoutError, openai.APIConnectionError)


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, _RETRYABLE):
        return True
    return isinstance(exc, openai.APIStatusError) and (exc.status_code >= 500 or exc.status_code in (408, 409))


def _backoff(attempt: int, exc: Exception) -> float:
    """Exponential with full jitter; a server's Retry-After is honoured up to the cap."""
    cap = settings.AI_RETRY_MAX_SECONDS
    delay = random.uniform(0, min(cap, settings.AI_RETRY_BASE_SECONDS * 2**attempt))
    response = getattr(exc, "response", None)
    retry_after = response.headers.get("retry-after") if response is not None else None
    if retry_after:
        try:
            delay = max(delay, min(cap, float(retry_after)))
        except ValueError:
            pass
    return delay


def _request(client: openai.OpenAI, *, model: str, messages: list[dict], schema_name: str, schema: dict):
    """One completion, retried on transient failures. Returns (response, http_attempts)."""
    attempts = settings.AI_MAX_RETRIES + 1
    for attempt in range(attempts):
        try:
            response = client.chat.completions.create(
                model=model,
                messages=messages,
                response_format={
                    "type": "json_schema",
                    "json_schema": {"name": schema_name, "schema": schema, "strict": True},
                },
            )
            return response, attempt + 1
        except openai.APIStatusError as exc:
            if not _retryable(exc):
                hint = " Check OPENAI_API_KEY." if exc.status_code in (401, 403) else ""
                refused = AIRequestRefused(f"The AI server refused the request ({exc.status_code}).{hint}")
                refused.http_attempts = attempt + 1
                refused.outcome = "refused"
                raise refused from exc
            last = exc
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            last = exc
        logger.info("AI call failed (%s), attempt %d/%d", type(last).__name__, attempt + 1, attempts)
        if attempt + 1 < attempts:
            time.sleep(_backoff(attempt, last))
    reason, outcome = {
        openai.RateLimitError: ("rate limited", "rate_limited"),
        openai.APITimeoutError: ("timed out", "timeout"),
        openai.APIConnectionError: ("unreachable", "unreachable"),
    }.get(type(last), ("failing", "server_error"))
    failed = AITransientError(f"The AI server was {reason} after {attempts} attempts.")
    failed.outcome = outcome
    raise failed


def _record(call: Call, *, metric_outcome: str | None = None, **fields) -> AIUsage:
    """Where every call finishes: its AIUsage row and the vp_ai_* counters."""
    usage = AIUsage.objects.create(
        project_id=call.project_id, job=call.job, kind=call.kind, step=call.step, model=call.model, **fields
    )
    record_ai_call(
        model=call.model,
        kind=call.kind,
        outcome=metric_outcome or usage.outcome,
        cache_hit=usage.cache_hit,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cost=float(usage.cost_usd),
    )
    return usage


def _problems(content: str | None, schema: dict, check: Callable[[dict], list[str]] | None) -> tuple[dict, list[str]]:
    try:
        data = json.loads(content or "")
    except ValueError as exc:
        return {}, [f"The answer is not valid JSON ({exc.msg})."]
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        return {}, [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:5]]
    extra = check(data) if check else []
    return (data, extra) if not extra else ({}, extra)


def complete_json(
    *,
    call: Call,
    messages: list[dict],
    schema_name: str,
    schema: dict,
    check: Callable[[dict], list[str]] | None = None,
    use_cache: bool = True,
) -> Answer:
    """A schema-valid JSON answer, or an AIError. Every call is recorded in AIUsage."""
    key = cache_key(call.model, messages, schema)
    if use_cache:
        fresh = AICacheEntry.objects.filter(key=key, expires_at__gt=timezone.now())
        cached = fresh.values_list("data", flat=True).first()
        if cached is not None:
            AICacheEntry.objects.filter(key=key).update(hits=F("hits") + 1)
            _record(call, cache_hit=True, prompt_tokens=0, completion_tokens=0, cost_usd=Decimal("0"))
            return Answer(data=cached, prompt_tokens=0, completion_tokens=0, cost_usd=Decimal("0"), cache_hit=True)

    client = _client()
    conversation = list(messages)
    total = Answer(data={}, prompt_tokens=0, completion_tokens=0, cost_usd=Decimal("0"), cache_hit=False)
    for validation_round in range(2):
        started = time.monotonic()
        try:
            response, http_attempts = _request(
                client, model=call.model, messages=conversation, schema_name=schema_name, schema=schema
            )
        except AIError as exc:
            _record(
                call,
                outcome=AIUsage.Outcome.ERROR,
                metric_outcome=exc.outcome,
                error=exc.message[:300],
                latency_ms=int((time.monotonic() - started) * 1000),
                http_attempts=getattr(exc, "http_attempts", settings.AI_MAX_RETRIES + 1),
            )
            raise
        usage = response.usage
        prompt_tokens = getattr(usage, "prompt_tokens", 0) or 0
        completion_tokens = getattr(usage, "completion_tokens", 0) or 0
        cost = cost_of(call.model, prompt_tokens, completion_tokens)
        total.prompt_tokens += prompt_tokens
        total.completion_tokens += completion_tokens
        total.cost_usd += cost
        content = response.choices[0].message.content if response.choices else None
        data, problems = _problems(content, schema, check)
        _record(
            call,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
            latency_ms=int((time.monotonic() - started) * 1000),
            outcome=AIUsage.Outcome.INVALID if problems else AIUsage.Outcome.OK,
            http_attempts=http_attempts,
            error="; ".join(problems)[:300],
        )
        if not problems:
            AICacheEntry.objects.update_or_create(
                key=key,
                defaults={
                    "model": call.model,
                    "data": data,
                    "expires_at": timezone.now() + datetime.timedelta(seconds=settings.AI_CACHE_TTL_SECONDS),
                },
            )
            total.data = data
            return total
        if validation_round == 0:
            conversation = [
                *conversation,
                {"role": "assistant", "content": content or ""},
                {
                    "role": "user",
                    "content": "Your answer did not match the required JSON schema: "
                    + " ".join(problems)
                    + " Answer again with only JSON that matches the schema.",
                },
            ]
    raise AIInvalidAnswer("The AI answer did not match the expected format twice: " + " ".join(problems))
