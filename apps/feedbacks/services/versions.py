"""Versions: arrival (small uploads here, large ones in uploads.py), carry-over of unresolved
feedback, edits and review decisions with the review-status rule."""

import hashlib
import logging
import mimetypes
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from apps.core.errors import DomainError
from apps.projects.activity import activity_record
from apps.projects.models import Membership, Role
from apps.projects.permissions import MANAGE, RESOLVE, ROLE_ACTIONS, members_who_can

from .. import storage
from ..models import Asset, CarriedFeedback, Feedback, ReviewDecision, Version
from ..serializers.versions import VersionOut
from .attention import decision_basis
from .common import VersionNotReady, member_ids, notify_member, review_url, version_streams

logger = logging.getLogger(__name__)

mimetypes.add_type("video/x-matroska", ".mkv")
mimetypes.add_type("video/webm", ".webm")
mimetypes.add_type("video/mp2t", ".ts")
mimetypes.add_type("video/x-m4v", ".m4v")

RESOLVER_ROLES = [role for role, actions in ROLE_ACTIONS.items() if RESOLVE in actions]


class FileTooLarge(DomainError):
    code = "payload_too_large"
    status_code = 413

    def __init__(self, limit: int, *, hint: str = ""):
        super().__init__(
            f"The file is larger than the {limit // (1024 * 1024)} MB allowed here.{hint}", details={"limit": limit}
        )


class UnsupportedVideoType(DomainError):
    code = "unsupported_media_type"
    status_code = 415

    def __init__(self, content_type: str):
        super().__init__(
            f"{content_type or 'This file type'} is not an accepted video type.",
            details={"content_type": [content_type], "allowed": list(settings.UPLOAD_ALLOWED_CONTENT_TYPES)},
        )


class NotAVideo(DomainError):
    code = "not_a_video"
    status_code = 415
    message = "The file does not look like a video (its contents match no video container)."


def resolve_content_type(declared: str, name: str) -> str:
    """The declared type, or the one the file name implies when the browser sent none.
    Anything outside UPLOAD_ALLOWED_CONTENT_TYPES is a 415."""
    content_type = (declared or "").split(";")[0].strip().lower()
    if content_type in ("", "application/octet-stream", "binary/octet-stream"):
        content_type = (mimetypes.guess_type(name)[0] or content_type).lower()
    if content_type not in settings.UPLOAD_ALLOWED_CONTENT_TYPES:
        raise UnsupportedVideoType(content_type)
    return content_type


def next_number(asset: Asset) -> int:
    """The asset row is the lock: two uploads never get the same number."""
    Asset.objects.select_for_update().filter(pk=asset.pk).values_list("pk", flat=True).first()
    return (Version.objects.filter(asset=asset).aggregate(top=Max("number"))["top"] or 0) + 1


def version_create_from_file(*, asset: Asset, actor, file, label: str = "") -> Version:
    """Small uploads (multipart to the API). The file is stored first; if the database write
    then fails, the stored file is removed again."""
    if file.size == 0:
        raise ValidationError({"file": ["The file is empty."]})
    if file.size > settings.UPLOAD_SMALL_MAX_BYTES:
        raise FileTooLarge(settings.UPLOAD_SMALL_MAX_BYTES, hint=" Use a multipart upload (uploads/) for large files.")
    content_type = resolve_content_type(getattr(file, "content_type", ""), file.name)
    file.seek(0)
    if not storage.looks_like_video(file.read(storage.SNIFF_BYTES)):
        raise NotAVideo()
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)

    version_id = uuid.uuid4()
    key = storage.version_key(asset_id=asset.pk, version_id=version_id, original_name=file.name)
    stored = storage.default_storage().save(key, file)
    try:
        with transaction.atomic():
            version = Version(
                id=version_id,
                asset=asset,
                number=next_number(asset),
                label=label,
                original_name=file.name[:255],
                size=file.size,
                content_type=content_type,
                checksum=f"sha256:{digest.hexdigest()}",
                status=Version.Status.PROCESSING,
                uploaded_by=actor,
            )
            version.file.name = stored
            version.save()
            version_arrived(version=version, actor=actor)
    except BaseException:
        storage.delete_quietly(stored)
        raise
    return version


def version_arrived(*, version: Version, actor) -> None:
    """All bytes are stored: carry unresolved feedback over, tell the team, process it."""
    carry_over(version=version)
    activity_record(
        project=version.asset.project,
        actor=actor,
        verb="version.created",
        target=version,
        data={"number": version.number, "asset_id": str(version.asset_id), "asset": version.asset.title},
        payloads={stream: {"version": VersionOut(version).data} for stream in version_streams(version)},
    )
    transaction.on_commit(lambda: enqueue_processing(version.pk))


def enqueue_processing(version_id) -> None:
    from ..tasks import process_version

    try:
        process_version.delay(str(version_id))
    except Exception:  # noqa: BLE001 — broker down: the sweeper (beat) enqueues it again
        logger.warning("Could not enqueue processing of %s; the sweeper will retry", version_id, exc_info=True)


def carry_over(*, version: Version) -> int:
    """Links the previous version's unresolved feedback (its own and what it carried) to this
    one. The previous version is the latest earlier one that arrived and did not fail."""
    previous = (
        Version.objects.filter(
            asset_id=version.asset_id,
            number__lt=version.number,
            status__in=[Version.Status.PROCESSING, Version.Status.READY],
        )
        .order_by("-number")
        .first()
    )
    if previous is None:
        return 0
    open_feedback = Feedback.objects.filter(parent__isnull=True, resolved_at__isnull=True, deleted_at__isnull=True)
    ids = set(open_feedback.filter(version=previous).values_list("pk", flat=True))
    ids |= set(open_feedback.filter(carried_to__version=previous).values_list("pk", flat=True))
    CarriedFeedback.objects.bulk_create(
        [CarriedFeedback(feedback_id=pk, version=version) for pk in ids], ignore_conflicts=True
    )
    return len(ids)


@transaction.atomic
def version_update(*, version: Version, actor, data: dict) -> Version:
    """Label and required reviewers (the review status is re-evaluated when those change)."""
    version = Version.objects.select_for_update(of=("self",)).select_related("asset__project").get(pk=version.pk)
    changes = {}
    if "label" in data and data["label"] != version.label:
        changes["label"] = {"before": version.label, "after": data["label"]}
        version.label = data["label"]
        version.save(update_fields=["label", "updated_at"])
    if "required_reviewer_ids" in data:
        wanted = {str(pk) for pk in data["required_reviewer_ids"]}
        allowed = member_ids(version.asset.project_id, roles=RESOLVER_ROLES)
        if wanted - allowed:
            raise ValidationError(
                {"required_reviewer_ids": ["Only project members who may review can be required reviewers."]}
            )
        before = {str(pk) for pk in version.required_reviewers.values_list("pk", flat=True)}
        if wanted != before:
            version.required_reviewers.set(list(wanted))  # type: ignore[arg-type]  # pks given as UUID strings
            changes["required_reviewers"] = {"before": sorted(before), "after": sorted(wanted)}
    if not changes:
        return version
    activity_record(
        project=version.asset.project,
        actor=actor,
        verb="version.updated",
        target=version,
        data={"number": version.number, "changes": changes},
        payloads={
            stream: {"version": VersionOut(version).data, "changes": changes} for stream in version_streams(version)
        },
    )
    _apply_review_status(version=version, actor=actor)
    return version


@transaction.atomic
def version_review_decide(*, version: Version, actor, decision: str | None, comment: str = "") -> Version:
    """Records the actor's decision (`approved`, `changes_requested`, or None to withdraw it)
    and applies the review-status rule."""
    version = Version.objects.select_for_update(of=("self",)).select_related("asset__project").get(pk=version.pk)
    if version.status != Version.Status.READY:
        raise VersionNotReady()
    if decision is None:
        ReviewDecision.objects.filter(version=version, reviewer=actor).delete()
    else:
        # What the decision rests on (review attention): the team sees it beside the decision.
        basis = decision_basis(version=version, reviewer=actor)
        ReviewDecision.objects.update_or_create(
            version=version, reviewer=actor, defaults={"decision": decision, "comment": comment, **basis}
        )
    activity_record(
        project=version.asset.project,
        actor=actor,
        verb="version.review_decided",
        target=version,
        data={"number": version.number, "decision": decision or "withdrawn", "comment": comment[:200]},
        payloads={},
    )
    if not _apply_review_status(version=version, actor=actor):
        activity_record(
            project=version.asset.project,
            actor=actor,
            verb="version.updated",
            target=version,
            timeline=False,
            payloads={stream: {"version": VersionOut(version).data} for stream in version_streams(version)},
        )
    return version


def review_status_for(version: Version) -> str:
    """The rule: any current changes-requested → changes_requested; otherwise approved once
    every required reviewer approved (the version's required reviewers, or else the
    project's reviewer-role members; with neither, one approval is enough); else in_review.
    Only decisions of people who may still review count."""
    resolvers = member_ids(version.asset.project_id, roles=RESOLVER_ROLES)
    decisions = {
        str(reviewer): decision
        for reviewer, decision in version.decisions.values_list("reviewer_id", "decision")
        if str(reviewer) in resolvers
    }
    if ReviewDecision.Decision.CHANGES_REQUESTED in decisions.values():
        return Version.ReviewStatus.CHANGES_REQUESTED
    required = {str(pk) for pk in version.required_reviewers.values_list("pk", flat=True)} & resolvers
    if not required:
        required = member_ids(version.asset.project_id, roles=[Role.REVIEWER])
    if required:
        approved = all(decisions.get(pk) == ReviewDecision.Decision.APPROVED for pk in required)
    else:
        approved = ReviewDecision.Decision.APPROVED in decisions.values()
    return Version.ReviewStatus.APPROVED if approved else Version.ReviewStatus.IN_REVIEW


def _apply_review_status(*, version: Version, actor) -> bool:
    status = review_status_for(version)
    if status == version.review_status:
        return False
    before, version.review_status = version.review_status, status
    version.save(update_fields=["review_status", "updated_at"])
    change = {"before": before, "after": status}
    activity_record(
        project=version.asset.project,
        actor=actor,
        verb="version.status_changed",
        target=version,
        data={"number": version.number, "review_status": change},
        payloads={
            stream: {"version": VersionOut(version).data, "review_status": change}
            for stream in version_streams(version)
        },
    )
    recipients = {user.pk: user for user in members_who_can(version.asset.project_id, MANAGE)}
    if (
        version.uploaded_by_id
        and Membership.objects.filter(project_id=version.asset.project_id, user_id=version.uploaded_by_id).exists()
    ):
        recipients[version.uploaded_by_id] = version.uploaded_by
    recipients.pop(getattr(actor, "pk", None), None)
    for user in recipients.values():
        notify_member(
            user,
            verb="version.status_changed",
            key=f"version.review.{status}",
            params={"asset": version.asset.title, "n": version.number},
            url=review_url(version),
            data={
                "project_id": str(version.asset.project_id),
                "asset_id": str(version.asset_id),
                "version_id": str(version.pk),
                "review_status": status,
            },
        )
    return True


@transaction.atomic
def version_change(*, version: Version, actor, data: dict) -> Version:
    """PATCH versions/{id}/: label / required reviewers, and the actor's review decision
    (`review_status`: approved, changes_requested, or in_review to withdraw it), in one
    transaction."""
    details = {k: v for k, v in data.items() if k in ("label", "required_reviewer_ids")}
    if details:
        version = version_update(version=version, actor=actor, data=details)
    if "review_status" in data:
        decision = None if data["review_status"] == Version.ReviewStatus.IN_REVIEW else data["review_status"]
        version = version_review_decide(
            version=version, actor=actor, decision=decision, comment=data.get("review_comment", "")
        )
    return version
