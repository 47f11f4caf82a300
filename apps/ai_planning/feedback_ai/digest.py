"""Digest: a summary of a version's comments grouped by category, every point citing the ids of
the comments it comes from, and grouped again by the plan's shot when the cut has a shot map;
and what a feedback job's end or retry tells the review room."""

import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from apps.core import events
from apps.core.errors import Conflict
from apps.feedbacks.models import TRIAGE_CATEGORIES, Feedback, Version
from apps.feedbacks.shots import VersionShots

from .. import ai_client, services
from ..models import AIJob, AISettings, VersionDigest
from ..prompts import LANGUAGE_NAMES, digest_messages
from ..serializers import VersionDigestOut
from ..services.budget import _triage
from ..services.jobs import _enqueue, _job_succeeded, _locked_job
from .common import _charge, _estimate
from .schemas import _DIGEST_TOKENS_PER_COMMENT, DIGEST_MAX_COMMENTS, DIGEST_SCHEMA

logger = logging.getLogger(__name__)


class NothingToDigest(Conflict):
    code = "no_feedback"
    message = "This version has no feedback to summarise yet."


# --- digest ---------------------------------------------------------------------------------------


def _digest_comments(version: Version) -> list[Feedback]:
    """The version's own live top-level comments (carried-over ones belong to their version),
    never internal ones nor internal replies: a digest is one text every member reads, the
    reviewer (the client) too, so it is written only from what every member may read."""
    return list(
        Feedback.objects.filter(version=version, parent__isnull=True, deleted_at__isnull=True, internal=False)
        .prefetch_related(Prefetch("replies", queryset=Feedback.objects.filter(internal=False)))
        .order_by("seconds", "created_at", "id")[:DIGEST_MAX_COMMENTS]
    )


def _comment_shots(version: Version, comments: list[Feedback]) -> dict[str, dict]:
    """{comment id: {shot_id, number}} of the comments inside a shot of the version's map."""
    lookup = VersionShots(services.version_shot_map(version=version).shot_spans())
    shots = {str(comment.pk): lookup.shot_at(comment.frame) for comment in comments}
    return {comment_id: shot for comment_id, shot in shots.items() if shot is not None}


def _shot_numbers(comment_shots: dict[str, dict]) -> dict[str, int]:
    return {comment_id: shot["number"] for comment_id, shot in comment_shots.items()}


def points_by_shot(groups: list[dict], comment_shots: dict[str, dict]) -> list[dict]:
    """The points of the category groups again, by shot (`{shot_id, number, points: [{text,
    feedback_ids, category}]}` in shot order): a point goes to the shot most of its comments
    fall in (the earlier one on a tie), and points whose comments fall in none come last, under
    `shot_id` null. Decided here from the cited ids, not left to the model."""
    by_shot: dict[str | None, dict] = {}
    for group in groups:
        for point in group["points"]:
            counted = Counter(
                (shot["number"], shot["shot_id"])
                for feedback_id in point["feedback_ids"]
                if (shot := comment_shots.get(feedback_id)) is not None
            )
            number, shot_id = min(counted, key=lambda key: (-counted[key], key[0])) if counted else (None, None)
            entry = by_shot.setdefault(shot_id, {"shot_id": shot_id, "number": number, "points": []})
            entry["points"].append({**point, "category": group["category"]})
    return sorted(by_shot.values(), key=lambda entry: (entry["number"] is None, entry["number"] or 0))


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
    shot_numbers = _shot_numbers(_comment_shots(version, comments))
    _estimate(
        job,
        digest_messages(version, comments, language=language, shot_numbers=shot_numbers),
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


def digest_result_for_reader(result: dict | None, *, include_internal: bool) -> dict | None:
    """A digest's result as a reader may see it. Digests are written without internal notes;
    one written before that rule may still cite them, so for a reader who may not see
    internal notes (`include_internal` false) its points citing one are left out, and its
    overview too when any was (it may retell them)."""
    if not result or include_internal:
        return result
    cited = {
        feedback_id
        for group in result.get("groups", [])
        for point in group["points"]
        for feedback_id in point["feedback_ids"]
    }
    internal = {str(pk) for pk in Feedback.objects.filter(pk__in=cited, internal=True).values_list("pk", flat=True)}
    if not internal:
        return result
    return {
        **result,
        "overview": "",
        "groups": _without_points_citing(result.get("groups", []), internal),
        **({"shots": _without_points_citing(result["shots"], internal)} if "shots" in result else {}),
    }


def _without_points_citing(groups: list[dict], ids: set[str]) -> list[dict]:
    kept = []
    for group in groups:
        points = [point for point in group["points"] if not ids.intersection(point["feedback_ids"])]
        if points:
            kept.append({**group, "points": points})
    return kept


def run_digest(job: AIJob) -> None:
    digest = VersionDigest.objects.select_related("version__asset").get(job=job)
    if digest.finished_at is not None:
        return
    _digest_event(digest, "digest.progress", job_id=str(job.pk), step="collecting", percent=10)
    comments = _digest_comments(digest.version)
    valid_ids = {str(c.pk) for c in comments}
    result: dict = {"overview": "", "groups": [], "shots": []}
    dropped: list[str] = []
    if comments:
        _digest_event(digest, "digest.progress", job_id=str(job.pk), step="summarising", percent=30)
        comment_shots = _comment_shots(digest.version, comments)
        answer = ai_client.complete_json(
            call=ai_client.Call(project_id=job.project_id, job=job, kind=job.kind, step="digest", model=job.model),
            messages=digest_messages(
                digest.version, comments, language=digest.language, shot_numbers=_shot_numbers(comment_shots)
            ),
            schema_name="feedback_digest",
            schema=DIGEST_SCHEMA,
        )
        _charge(job, answer)
        result, dropped = clean_digest(answer.data, valid_ids)
        result["shots"] = points_by_shot(result["groups"], comment_shots) if comment_shots else []
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
