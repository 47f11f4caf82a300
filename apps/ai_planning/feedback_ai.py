"""AI on review feedback, through the same AIJob lifecycle as plans (estimate → triage →
approval or queue → run with retries → needs_attention).

Triage (kind feedback_triage): a new top-level comment is put in a queue kept in the database
(`Feedback.triage_queued_at` set, `triage_job_id` empty) when AI is configured. The queue of a
project is flushed into ONE call per batch of up to `BATCH_SIZE` comments: as soon as a batch
is full, at once when an urgent comment waits, and when the oldest comment has waited
`MAX_WAIT` (the `feedback_triage_flush_due` beat, every few seconds: no countdown message that
a killed worker could sit on for the broker's visibility timeout, see docs/architecture.md). A
comment sent in a job keeps that job's id, so a job that fails waits for its retry with the
comments still attached, and a batch delivered twice is claimed (and charged) once.

Digest (kind feedback_digest): a summary of a version's live top-level comments grouped by
category, every point citing the ids of the comments it comes from; ids outside what the
model was shown are dropped."""

import datetime
import json
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator

from apps.core import events
from apps.core.errors import Conflict
from apps.feedbacks.api.serializers import FeedbackOut
from apps.feedbacks.models import TRIAGE_CATEGORIES, TRIAGE_PRIORITIES, Feedback, Version
from apps.projects.models import Project

from . import ai_client, services
from .api.serializers import VersionDigestOut
from .models import AIJob, AISettings, VersionDigest
from .services.budget import _triage
from .services.jobs import _enqueue, _job_succeeded, _locked_job

logger = logging.getLogger(__name__)

BATCH_SIZE = 10
MAX_WAIT = datetime.timedelta(seconds=30)
DIGEST_MAX_COMMENTS = 300
_BODY_CHARS = 1500
# Rough answer sizes for the estimate made before a job runs.
_TRIAGE_TOKENS_PER_COMMENT = 40
_DIGEST_TOKENS_PER_COMMENT = 60


class NothingToDigest(Conflict):
    code = "no_feedback"
    message = "This version has no feedback to summarise yet."


def _obj(properties: dict) -> dict:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_ID = {"type": "string", "minLength": 1, "maxLength": 64}
TRIAGE_SCHEMA = _obj(
    {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": BATCH_SIZE * 2,
            "items": _obj(
                {
                    "id": _ID,
                    "category": {"type": "string", "enum": list(TRIAGE_CATEGORIES)},
                    "priority": {"type": "string", "enum": list(TRIAGE_PRIORITIES)},
                    "actionable": {"type": "boolean"},
                }
            ),
        }
    }
)
DIGEST_SCHEMA = _obj(
    {
        "overview": {"type": "string", "minLength": 1, "maxLength": 2000},
        "groups": {
            "type": "array",
            "maxItems": len(TRIAGE_CATEGORIES) * 2,
            "items": _obj(
                {
                    "category": {"type": "string", "enum": list(TRIAGE_CATEGORIES)},
                    "points": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 30,
                        "items": _obj(
                            {
                                "text": {"type": "string", "minLength": 1, "maxLength": 1000},
                                "feedback_ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": _ID},
                            }
                        ),
                    },
                }
            ),
        },
    }
)

_CATEGORY_GUIDE = (
    "picture (framing, focus, exposure, graphics or VFX on screen), colour (grading, white balance, skin tones), "
    "sound (music, mix, voice-over, effects), edit (cuts, pacing, order, transitions, length), "
    "text (titles, subtitles, captions, typos), other"
)
LANGUAGE_NAMES = {"ko": "Korean (한국어)", "en": "English"}


# --- triage: the queue ------------------------------------------------------------------------


def _pending() -> Q:
    return Q(
        triage_queued_at__isnull=False,
        triage_job_id__isnull=True,
        triage__isnull=True,
        deleted_at__isnull=True,
        parent__isnull=True,
    )


def triage_prepare(feedback: Feedback) -> None:
    """Before a new comment is first saved: queue it when AI is on. Replies are not triaged
    (they belong to their comment's thread)."""
    if feedback.parent_id is None and ai_client.is_configured():
        feedback.triage_queued_at = timezone.now()


def triage_requeue(feedback: Feedback) -> None:
    """Its text changed: the old reading no longer holds, and an answer in flight is ignored."""
    if feedback.parent_id is None and ai_client.is_configured():
        feedback.triage = None
        feedback.triage_job_id = None
        feedback.triage_queued_at = timezone.now()


def triage_schedule(feedback: Feedback, *, project_id) -> None:
    """After the comment is saved: flush now (urgent, or maybe a full batch; a cheap no-op when
    nothing is due). When its wait is over the beat's `triage_flush_due` sends it."""
    if feedback.triage_queued_at is None or feedback.triage_job_id is not None:
        return
    from .tasks import feedback_triage_flush

    project = str(project_id)

    def send():
        try:
            feedback_triage_flush.delay(project)
        except Exception:  # noqa: BLE001 — broker down: the beat sweep flushes the queue later
            logger.warning("Could not schedule the triage flush of %s; the sweep will", project, exc_info=True)

    transaction.on_commit(send)


def on_text_saving(sender, feedback: Feedback, created: bool, **kwargs) -> None:
    """`feedbacks.signals.feedback_text_saving`: a new comment is queued, a re-worded one re-queued."""
    (triage_prepare if created else triage_requeue)(feedback)


def on_text_saved(sender, feedback: Feedback, project_id, **kwargs) -> None:
    """`feedbacks.signals.feedback_text_saved`."""
    triage_schedule(feedback, project_id=project_id)


def _as_time(now) -> datetime.datetime:
    if now is None:
        return timezone.now()
    return parse_datetime(now) if isinstance(now, str) else now


@transaction.atomic
def triage_flush(*, project_id, now: datetime.datetime | str | None = None) -> list[AIJob]:
    """Sends what is due of the project's queue as jobs of up to BATCH_SIZE comments.
    `now` is a parameter so tests (and the beat task) can say what time it is."""
    now = _as_time(now)
    if not ai_client.is_configured():
        return []
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return []
    # The settings row is the project's lock: flushes of one project never race for comments.
    ai_settings = AISettings.objects.select_for_update().get(pk=services.ai_settings_for(project).pk)
    pending = list(
        Feedback.objects.filter(_pending(), version__asset__project_id=project.pk)
        .select_related("version")
        .order_by("triage_queued_at", "id")[:500]
    )
    jobs = []
    while pending:
        pending.sort(key=lambda f: (not f.urgent, f.triage_queued_at, str(f.pk)))
        oldest = min(f.triage_queued_at for f in pending)
        if not (len(pending) >= BATCH_SIZE or pending[0].urgent or oldest <= now - MAX_WAIT):
            break
        batch, pending = pending[:BATCH_SIZE], pending[BATCH_SIZE:]
        try:
            jobs.append(_triage_job(project, ai_settings, batch))
        except services.BudgetExceeded as exc:
            # Left in the queue: triaged once the budget allows (next month, or raised).
            logger.info("Feedback triage of project %s waits: %s", project.pk, exc.message)
            break
    return jobs


def triage_flush_due(*, now: datetime.datetime | str | None = None) -> int:
    """Beat: flush every project that has something queued (the flush decides what is due)."""
    now = _as_time(now)
    if not ai_client.is_configured():
        return 0
    project_ids = set(Feedback.objects.filter(_pending()).values_list("version__asset__project_id", flat=True))
    return sum(len(triage_flush(project_id=project_id, now=now)) for project_id in project_ids)


def triage_messages(comments: list[Feedback]) -> list[dict]:
    """Identical batches give identical messages (the cache key)."""
    system = (
        "You triage review comments on draft videos for a production team. For every comment give its "
        f"category — {_CATEGORY_GUIDE}; its priority — urgent (must be fixed before anything else ships), "
        "high (blocks delivery: a factual, legal or technical error, something broken), medium, or low (taste, "
        "nice to have); and whether it is actionable (asks for a concrete change). Comments may be in Korean "
        "or English. Answer with JSON only, matching the schema, with exactly one item per comment and the "
        "comment ids exactly as given."
    )
    user = {
        "comments": [
            {
                "id": str(comment.pk),
                "timecode": comment.smpte,
                "body": Truncator(comment.body).chars(_BODY_CHARS),
                "has_drawing": bool(comment.annotation),
                "marked_urgent": comment.urgent,
            }
            for comment in comments
        ]
    }
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, sort_keys=True)},
    ]


def _estimate(job: AIJob, messages: list[dict], *, completion_tokens: int) -> None:
    prompt_tokens = ai_client.estimate_tokens(json.dumps(messages, ensure_ascii=False))
    job.estimated_tokens = prompt_tokens + completion_tokens
    job.estimated_cost_usd = ai_client.cost_of(job.model, prompt_tokens, completion_tokens)


def _triage_job(project: Project, ai_settings: AISettings, batch: list[Feedback]) -> AIJob:
    job = AIJob(
        project=project,
        kind=AIJob.Kind.FEEDBACK_TRIAGE,
        model=ai_settings.effective_model(),
        params={"feedback_ids": [str(f.pk) for f in batch]},
        max_attempts=settings.AI_JOB_MAX_ATTEMPTS,
    )
    _estimate(job, triage_messages(batch), completion_tokens=_TRIAGE_TOKENS_PER_COMMENT * len(batch))
    _triage(job, ai_settings, urgent=any(f.urgent for f in batch))
    Feedback.objects.filter(pk__in=[f.pk for f in batch], triage_job_id__isnull=True).update(triage_job_id=job.pk)
    _enqueue(job, ai_settings)
    return job


# --- triage: the run ----------------------------------------------------------------------------


def _triage_check(ids: set[str]):
    def check(data: dict) -> list[str]:
        answered = {item["id"] for item in data["items"]}
        missing = sorted(ids - answered)
        return [f"items: no answer for comment ids {', '.join(missing)}."] if missing else []

    return check


def _charge(job: AIJob, answer: ai_client.Answer) -> None:
    AIJob.objects.filter(pk=job.pk).update(
        cost_usd=F("cost_usd") + answer.cost_usd,
        tokens=F("tokens") + answer.prompt_tokens + answer.completion_tokens,
    )


def run_triage(job: AIJob) -> None:
    """Called by services.runner.job_run once the job is claimed (so at most once per delivery)."""
    comments = list(
        Feedback.objects.filter(
            pk__in=job.params.get("feedback_ids", []),
            triage_job_id=job.pk,
            triage__isnull=True,
            deleted_at__isnull=True,
        ).order_by("triage_queued_at", "id")
    )
    results: dict[str, dict] = {}
    if comments:
        ids = {str(c.pk) for c in comments}
        answer = ai_client.complete_json(
            call=ai_client.Call(project_id=job.project_id, job=job, kind=job.kind, step="triage", model=job.model),
            messages=triage_messages(comments),
            schema_name="feedback_triage",
            schema=TRIAGE_SCHEMA,
            check=_triage_check(ids),
        )
        _charge(job, answer)
        for item in answer.data["items"]:
            if item["id"] in ids:  # an id the model made up is ignored
                results.setdefault(item["id"], item)
    with transaction.atomic():
        job = _locked_job(job)
        if job.status != AIJob.Status.RUNNING:
            return  # another delivery finished it: write once
        from apps.feedbacks.services.feedback import feedback_streams

        now = timezone.now().isoformat()
        targets = (
            Feedback.objects.select_for_update(of=("self",))
            .filter(pk__in=list(results), triage_job_id=job.pk, triage__isnull=True)
            .select_related("version__asset", "author", "resolved_by")
            .prefetch_related("mentions", "reactions", "replies")
        )
        for feedback in targets:
            item = results[str(feedback.pk)]
            feedback.triage = {
                "category": item["category"],
                "priority": item["priority"],
                "actionable": item["actionable"],
                "job_id": str(job.pk),
                "triaged_at": now,
            }
            Feedback.objects.filter(pk=feedback.pk).update(triage=feedback.triage)
            for stream, version_id in feedback_streams(feedback):
                out = FeedbackOut(feedback, context={"version_id": version_id}).data
                events.publish(
                    stream=stream,
                    type="feedback.triaged",
                    data={
                        "feedback_id": str(feedback.pk),
                        "version_id": str(feedback.version_id),
                        "triage": out["triage"],
                        "feedback": out,
                    },
                )
        _job_succeeded(job)


# --- digest ---------------------------------------------------------------------------------------


def _digest_comments(version: Version) -> list[Feedback]:
    """The version's own live top-level comments (carried-over ones belong to their version)."""
    return list(
        Feedback.objects.filter(version=version, parent__isnull=True, deleted_at__isnull=True)
        .prefetch_related("replies")
        .order_by("seconds", "created_at", "id")[:DIGEST_MAX_COMMENTS]
    )


def digest_messages(version: Version, comments: list[Feedback], *, language: str) -> list[dict]:
    system = (
        "You summarise one review round of a draft video for its editor. Group the points by category — "
        f"{_CATEGORY_GUIDE}. Each point is one concrete thing to change or decide, merged from every comment "
        "that says it, and lists in feedback_ids the ids of ALL those comments, taken only from the list "
        "given. Resolved comments are marked; mention them only when still relevant. Start with a short "
        f"overview. Write every text in {LANGUAGE_NAMES.get(language, language)}. Answer with JSON only, "
        "matching the schema."
    )
    user = {
        "video": {
            "title": version.asset.title,
            "version": version.number,
            "duration_seconds": version.duration,
        },
        "comments": [
            {
                "id": str(comment.pk),
                "timecode": comment.smpte,
                "body": Truncator(comment.body).chars(_BODY_CHARS),
                "resolved": comment.resolved_at is not None,
                "category_hint": (comment.triage or {}).get("category"),
                "replies": [
                    Truncator(reply.body).chars(300)
                    for reply in sorted(comment.replies.all(), key=lambda r: r.created_at)
                    if reply.deleted_at is None
                ][:5],
            }
            for comment in comments
        ],
    }
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(user, ensure_ascii=False, sort_keys=True)},
    ]


def _digest_event(target: VersionDigest, type_: str, **data) -> None:
    from apps.feedbacks.services.common import version_stream

    events.publish(stream=version_stream(target.version_id), type=type_, data={"digest_id": str(target.pk), **data})


@transaction.atomic
def digest_request(*, version: Version, actor) -> VersionDigest:
    """A digest job for the version (202 for the caller); an open one is returned as is."""
    ai_client.require_configured()
    project = version.asset.project
    ai_settings = AISettings.objects.select_for_update().get(pk=services.ai_settings_for(project).pk)
    running = (
        VersionDigest.objects.filter(version=version, job__status__in=services.OPEN_STATUSES)
        .select_related("job", "requested_by")
        .first()
    )
    if running is not None:
        return running
    comments = _digest_comments(version)
    if not comments:
        raise NothingToDigest()
    language = actor.locale if getattr(actor, "locale", "") in LANGUAGE_NAMES else "ko"
    job = AIJob(
        project=project,
        kind=AIJob.Kind.FEEDBACK_DIGEST,
        model=ai_settings.effective_model(),
        created_by=actor,
        params={"version_id": str(version.pk), "language": language},
        max_attempts=settings.AI_JOB_MAX_ATTEMPTS,
    )
    _estimate(
        job,
        digest_messages(version, comments, language=language),
        completion_tokens=200 + _DIGEST_TOKENS_PER_COMMENT * len(comments),
    )
    _triage(job, ai_settings)
    job.save()
    digest = VersionDigest.objects.create(
        project=project, version=version, job=job, requested_by=actor, language=language
    )
    _enqueue(job, ai_settings)
    _digest_event(digest, "digest.progress", job_id=str(job.pk), step=job.status, percent=0)
    return digest


def clean_digest(data: dict, valid_ids: set[str]) -> tuple[dict, list[str]]:
    """Keeps only citations of comments the model was shown; a point left without any is
    dropped, groups of one category are merged and put in the usual category order."""
    dropped: list[str] = []
    points_by_category: dict[str, list[dict]] = {}
    for group in data.get("groups", []):
        for point in group["points"]:
            ids: list[str] = []
            for feedback_id in point["feedback_ids"]:
                if feedback_id in valid_ids:
                    if feedback_id not in ids:
                        ids.append(feedback_id)
                elif feedback_id not in dropped:
                    dropped.append(feedback_id)
            if ids:
                points_by_category.setdefault(group["category"], []).append(
                    {"text": point["text"], "feedback_ids": ids}
                )
    groups = [
        {"category": category, "points": points_by_category[category]}
        for category in TRIAGE_CATEGORIES
        if category in points_by_category
    ]
    return {"overview": data.get("overview", ""), "groups": groups}, dropped


def run_digest(job: AIJob) -> None:
    digest = VersionDigest.objects.select_related("version__asset").get(job=job)
    if digest.finished_at is not None:
        return
    _digest_event(digest, "digest.progress", job_id=str(job.pk), step="collecting", percent=10)
    comments = _digest_comments(digest.version)
    valid_ids = {str(c.pk) for c in comments}
    result: dict = {"overview": "", "groups": []}
    dropped: list[str] = []
    if comments:
        _digest_event(digest, "digest.progress", job_id=str(job.pk), step="summarising", percent=30)
        answer = ai_client.complete_json(
            call=ai_client.Call(project_id=job.project_id, job=job, kind=job.kind, step="digest", model=job.model),
            messages=digest_messages(digest.version, comments, language=digest.language),
            schema_name="feedback_digest",
            schema=DIGEST_SCHEMA,
        )
        _charge(job, answer)
        result, dropped = clean_digest(answer.data, valid_ids)
        if dropped:
            logger.info("Digest %s: dropped %d ids the model invented", digest.pk, len(dropped))
    with transaction.atomic():
        job = _locked_job(job)
        digest = VersionDigest.objects.select_for_update().get(pk=digest.pk)
        if job.status != AIJob.Status.RUNNING or digest.finished_at is not None:
            return
        digest.result = result
        digest.dropped_ids = dropped
        digest.feedback_count = len(comments)
        digest.finished_at = timezone.now()
        digest.save()
        _job_succeeded(job)
        _digest_event(digest, "digest.progress", job_id=str(job.pk), step="done", percent=100)
        digest = VersionDigest.objects.select_related("job__created_by", "requested_by").get(pk=digest.pk)
        _digest_event(digest, "digest.succeeded", digest=VersionDigestOut(digest).data)


def job_ended_without_result(job: AIJob, *, error: str) -> None:
    """A feedback job failed for good or was rejected (inside the caller's transaction).
    Triage: its comments stay attached to the job, so a manual retry sends them again.
    Digest: the review room is told."""
    if job.kind != AIJob.Kind.FEEDBACK_DIGEST:
        return
    digest = VersionDigest.objects.filter(job=job).select_related("job", "requested_by").first()
    if digest is not None:
        _digest_event(digest, "digest.failed", error=error, digest=VersionDigestOut(digest).data)


def job_requeued(job: AIJob) -> None:
    """A manual retry of a feedback job: tell the review room the digest is on its way again."""
    if job.kind == AIJob.Kind.FEEDBACK_DIGEST:
        digest = VersionDigest.objects.filter(job=job).first()
        if digest is not None:
            _digest_event(digest, "digest.progress", job_id=str(job.pk), step=job.status, percent=0)
