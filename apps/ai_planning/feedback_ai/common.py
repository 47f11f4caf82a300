"""What triage and digest jobs share: the cost estimate before a run, the charge after a call."""

import json

from django.db.models import F

from .. import ai_client
from ..models import AIJob


def _estimate(job: AIJob, messages: list[dict], *, completion_tokens: int) -> None:
    prompt_tokens = ai_client.estimate_tokens(json.dumps(messages, ensure_ascii=False))
    job.estimated_tokens = prompt_tokens + completion_tokens
    job.estimated_cost_usd = ai_client.cost_of(job.model, prompt_tokens, completion_tokens)


def _charge(job: AIJob, answer: ai_client.Answer) -> None:
    AIJob.objects.filter(pk=job.pk).update(
        cost_usd=F("cost_usd") + answer.cost_usd,
        tokens=F("tokens") + answer.prompt_tokens + answer.completion_tokens,
    )
