"""Time-coded feedback, replies, mentions, reactions and resolving. Events go to the stream of
every version the comment is listed on (its own and those it is carried over to)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from apps.core import events
from apps.core.errors import DomainError, NotFound
from apps.projects import permissions
from apps.projects.activity import activity_record
from apps.projects.models import Activity, Membership

from .. import signals, timecode
from ..annotations import annotation_errors
from ..models import CarriedFeedback, Feedback, ShareLink, Version
from ..serializers.feedback import FeedbackOut
from .common import NotAuthor, VersionNotReady, notify_member, review_url, version_stream


class CannotResolveReply(DomainError):
    code = "cannot_resolve_reply"
    message = "Replies are resolved with the comment they answer."


def feedback_streams(feedback: Feedback) -> list[tuple[str, str]]:
    """(stream, version id) for each version the comment (or its parent) is listed on."""
    root_id = feedback.parent_id or feedback.pk
    root_version = feedback.parent.version_id if feedback.parent is not None else feedback.version_id
    carried = CarriedFeedback.objects.filter(feedback_id=root_id).values_list("version_id", flat=True)
    return [(version_stream(v), str(v)) for v in [root_version, *carried]]


def _publish(
    feedback: Feedback,
    verb: str,
    *,
    actor,
    data: dict | None = None,
    timeline: bool = True,
    wire: dict | None = None,
) -> None:
    """`wire` adds keys to the version rooms' event only (not to the activity record)."""
    payloads = {
        stream: {"feedback": FeedbackOut(feedback, context={"version_id": version_id}).data, **(wire or {})}
        for stream, version_id in feedback_streams(feedback)
    }
    activity_record(
        project=feedback.version.asset.project,
        actor=actor,
        verb=verb,
        target=feedback,
        data={
            "version_id": str(feedback.version_id),
            "asset_id": str(feedback.version.asset_id),
            "excerpt": Truncator(feedback.body).chars(80),
            "smpte": feedback.smpte,
            "internal": feedback.internal,
            **(data or {}),
        },
        payloads=payloads,
        timeline=timeline,
    )
    internal_changed = "was_internal" in (wire or {})
    signals.feedback_published.send(sender=Feedback, feedback=feedback, verb=verb, internal_changed=internal_changed)


def _listed_on(feedback: Feedback, version: Version) -> bool:
    return (
        feedback.version_id == version.pk or CarriedFeedback.objects.filter(feedback=feedback, version=version).exists()
    )


def _frame_of(version: Version, *, frame: int | None, seconds: float | None, field: str) -> int | None:
    fps, last_frame = version.fps, version.last_frame
    assert fps is not None and last_frame is not None, "only a ready (probed) version is commented on"
    if frame is None and seconds is not None:
        frame = timecode.seconds_to_frame(seconds, fps)
    if frame is None:
        return None
    if frame < 0:
        raise ValidationError({field: ["A timecode cannot be negative."]})
    if frame > last_frame:
        end = timecode.frame_to_smpte(last_frame, fps)
        raise ValidationError({field: [f"The timecode is past the end of the video (last frame {last_frame}, {end})."]})
    return frame


def _mentioned_users(version: Version, mention_ids, *, internal: bool = False) -> list:
    """The members mentioned; an internal note mentions only members who can read it (never
    a reviewer, who is the client): anyone else is refused, not silently dropped."""
    ids = {str(pk) for pk in mention_ids or ()}
    if not ids:
        return []
    if len(ids) > 20:
        raise ValidationError({"mention_ids": ["Mention at most 20 people."]})
    members = list(
        Membership.objects.filter(project_id=version.asset.project_id, user_id__in=ids).select_related("user")
    )
    if len(members) != len(ids):
        raise ValidationError({"mention_ids": ["Only members of this project can be mentioned."]})
    if internal and any(not permissions.role_allows(m.role, permissions.VIEW_INTERNAL) for m in members):
        raise ValidationError({"mention_ids": ["An internal note can only mention members who can read it."]})
    return [membership.user for membership in members]


def _drop_unreadable_mentions(feedback: Feedback) -> None:
    """A comment made internal stops mentioning the members who may no longer read it."""
    readers = Membership.objects.filter(
        project_id=feedback.version.asset.project_id, role__in=permissions.roles_allowed(permissions.VIEW_INTERNAL)
    ).values_list("user_id", flat=True)
    feedback.mentions.remove(*feedback.mentions.exclude(pk__in=readers))


def _check_annotation(annotation) -> None:
    if annotation is not None:
        errors = annotation_errors(annotation)
        if errors:
            raise ValidationError({"annotation": errors})


@transaction.atomic
def feedback_create(
    *,
    version: Version,
    body: str,
    author=None,
    guest_name: str = "",
    share_link: ShareLink | None = None,
    frame: int | None = None,
    end_frame: int | None = None,
    timecode_seconds: float | None = None,
    end_timecode_seconds: float | None = None,
    annotation: dict | None = None,
    parent: Feedback | None = None,
    internal: bool = False,
    urgent: bool = False,
    mention_ids=(),
) -> Feedback:
    """A comment at a frame (or a range) of a ready version, or a reply to a top-level comment
    listed on it. Replies take their parent's timecode and are internal when it is. New
    comments join the AI triage queue (`urgent` ones are sent at once)."""
    if parent is not None:
        if urgent:
            raise ValidationError({"urgent": ["A reply cannot be marked urgent; mark the comment itself."]})
        if parent.parent_id is not None:
            raise ValidationError({"parent_id": ["Replies are one level deep: reply to the comment itself."]})
        if parent.deleted_at is not None or not _listed_on(parent, version):
            raise ValidationError({"parent_id": ["No such comment on this version."]})
        if any(v is not None for v in (frame, end_frame, timecode_seconds, end_timecode_seconds, annotation)):
            raise ValidationError({"parent_id": ["A reply takes its parent's timecode; send no timecode or drawing."]})
        target, start, end, fps = parent.version, parent.frame, None, parent.fps
        internal = internal or parent.internal
    else:
        if version.status != Version.Status.READY:
            raise VersionNotReady()
        first = _frame_of(version, frame=frame, seconds=timecode_seconds, field="frame")
        if first is None:
            raise ValidationError({"frame": ["Give the frame (or timecode) the comment is about."]})
        end = _frame_of(version, frame=end_frame, seconds=end_timecode_seconds, field="end_frame")
        if end is not None and end <= first:
            raise ValidationError({"end_frame": ["The end of a range must come after its start."]})
        assert version.fps is not None  # a ready version has been probed (_frame_of checked it)
        target, start, fps = version, first, version.fps
    _check_annotation(annotation)
    mentioned = _mentioned_users(version, mention_ids, internal=internal)

    feedback = Feedback(
        version=target,
        parent=parent,
        author=author,
        guest_name=guest_name if author is None else "",
        share_link=share_link,
        body=body,
        frame=start,
        end_frame=end,
        fps=fps,
        seconds=timecode.frame_to_seconds(start, fps),
        annotation=annotation,
        internal=internal,
        urgent=urgent,
    )
    signals.feedback_text_saving.send(sender=Feedback, feedback=feedback, created=True)
    feedback.full_clean()
    feedback.save()
    feedback.mentions.set(mentioned)
    # A guest has no account: the feed names them by the name they gave, marked as a guest.
    guest = {"guest_name": feedback.guest_name} if author is None else {}
    _publish(feedback, "feedback.created", actor=author, data={"reply": parent is not None, **guest})
    signals.feedback_text_saved.send(
        sender=Feedback, feedback=feedback, created=True, project_id=version.asset.project_id
    )
    _notify_people(feedback, mentioned=mentioned, replied_to=parent)
    return feedback


def feedback_triage_record(feedback: Feedback, *, triage: dict) -> None:
    """Stores an AI triage reading (written by apps.ai_planning, inside its transaction) and
    tells every room the comment is listed on (`feedback.triaged`)."""
    feedback.triage = triage
    Feedback.objects.filter(pk=feedback.pk).update(triage=triage)
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


def _author_name(feedback: Feedback) -> str:
    return feedback.author.display_name if feedback.author is not None else feedback.guest_name


def _may_hear_of(feedback: Feedback, user) -> bool:
    """Nobody is told of a comment they may not read: an internal note only reaches roles
    that see internal notes (never the reviewer, who is the client)."""
    return not feedback.internal or permissions.can(user, permissions.VIEW_INTERNAL, feedback.version.asset.project)


def _notify_people(
    feedback: Feedback, *, mentioned: list, replied_to: Feedback | None, new_comment: bool = True
) -> None:
    version = feedback.version
    where = f"{version.asset.title} v{version.number} {feedback.smpte}"
    data = {
        "project_id": str(version.asset.project_id),
        "asset_id": str(version.asset_id),
        "version_id": str(version.pk),
        "feedback_id": str(feedback.pk),
    }
    url = review_url(version, feedback.pk)
    done = {feedback.author_id}
    for user in mentioned:
        if user.pk not in done and _may_hear_of(feedback, user):
            done.add(user.pk)
            notify_member(
                user,
                key="feedback.mentioned",
                params={"author": _author_name(feedback), "where": where},
                url=url,
                data=data,
            )
    if replied_to is not None and replied_to.author_id and replied_to.author_id not in done:
        if (
            _may_hear_of(feedback, replied_to.author)
            and Membership.objects.filter(project_id=version.asset.project_id, user_id=replied_to.author_id).exists()
        ):
            notify_member(
                replied_to.author,
                key="feedback.replied",
                params={"author": _author_name(feedback), "where": where},
                url=url,
                data=data,
            )
            done.add(replied_to.author_id)
    # Whoever uploaded the version hears of a new comment on it (once: not again as a mention
    # or a reply), under the same rule: an internal note never reaches a reviewer.
    uploader = version.uploaded_by if new_comment else None
    if (
        uploader is not None
        and uploader.pk not in done
        and _may_hear_of(feedback, uploader)
        and Membership.objects.filter(project_id=version.asset.project_id, user_id=uploader.pk).exists()
    ):
        notify_member(
            uploader,
            key="feedback.commented",
            params={"author": _author_name(feedback), "where": where},
            url=url,
            data=data,
        )


def _require_live(feedback: Feedback) -> None:
    if feedback.deleted_at is not None:
        raise NotFound()


def _timeline_internal(feedback_ids: list) -> None:
    """Earlier timeline entries of comments that turned internal leave a reviewer's feed too."""
    ids = [str(pk) for pk in feedback_ids]
    for activity in Activity.objects.filter(target_type="feedback", target_id__in=ids).exclude(data__internal=True):
        activity.data = {**activity.data, "internal": True}
        activity.save(update_fields=["data"])


@transaction.atomic
def feedback_update(*, feedback: Feedback, actor, data: dict) -> Feedback:
    """The author edits body, drawing, internal flag (top-level only) or mentions."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("version__asset__project", "parent")
        .get(pk=feedback.pk)
    )
    _require_live(feedback)
    if feedback.author_id != actor.pk:
        raise NotAuthor("Only the author can edit a comment.")
    if feedback.parent_id is not None and (data.get("annotation") is not None or "internal" in data):
        raise ValidationError({"parent_id": ["A reply has no drawing and follows its parent's internal flag."]})
    if "annotation" in data:
        _check_annotation(data["annotation"])
    new_mentions = []
    internal_after = data.get("internal", feedback.internal) if feedback.parent_id is None else feedback.internal
    if "mention_ids" in data:
        mentioned = _mentioned_users(feedback.version, data["mention_ids"], internal=internal_after)
        before = set(feedback.mentions.values_list("pk", flat=True))
        new_mentions = [user for user in mentioned if user.pk not in before]
        feedback.mentions.set(mentioned)
    requeue = "body" in data and data["body"] != feedback.body
    was_internal = feedback.internal
    for field in ("body", "annotation", "internal"):
        if field in data:
            setattr(feedback, field, data[field])
    if data.get("internal"):
        # Replies follow their comment into the team: none stays readable by a reviewer.
        # (Made public again, the replies written as internal stay internal.)
        replies = list(Feedback.objects.filter(parent=feedback).values_list("pk", flat=True))
        Feedback.objects.filter(pk__in=replies, internal=False).update(internal=True)
        _timeline_internal([feedback.pk, *replies])
        for note in Feedback.objects.filter(pk__in=[feedback.pk, *replies]).select_related("version__asset"):
            _drop_unreadable_mentions(note)
    if requeue:
        signals.feedback_text_saving.send(sender=Feedback, feedback=feedback, created=False)
    feedback.edited_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    # A flag that changed tells the version room to remove the comment from, or bring it to,
    # the readers who may not see internal notes (feedbacks.consumers.VersionConsumer).
    wire = {"was_internal": was_internal} if was_internal != feedback.internal else None
    _publish(feedback, "feedback.updated", actor=actor, timeline=False, wire=wire)
    _notify_people(feedback, mentioned=new_mentions, replied_to=None, new_comment=False)
    if requeue:
        signals.feedback_text_saved.send(
            sender=Feedback, feedback=feedback, created=False, project_id=feedback.version.asset.project_id
        )
    return feedback


@transaction.atomic
def feedback_delete(*, feedback: Feedback, actor) -> None:
    """Soft delete by the author (who may still comment) or a manager. Replies stay; a deleted
    comment with replies keeps its place with an empty body."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",)).select_related("version__asset__project").get(pk=feedback.pk)
    )
    _require_live(feedback)
    project = feedback.version.asset.project
    own = feedback.author_id == actor.pk and permissions.can(actor, permissions.COMMENT, project)
    if not own and not permissions.can(actor, permissions.MANAGE, project):
        raise NotAuthor("Only the author or a project manager can delete this comment.")
    feedback.deleted_at = timezone.now()
    feedback.save(update_fields=["deleted_at", "updated_at"])
    _publish(feedback, "feedback.deleted", actor=actor)


@transaction.atomic
def feedback_resolve(*, feedback: Feedback, actor, resolved: bool = True) -> Feedback:
    feedback = (
        Feedback.objects.select_for_update(of=("self",)).select_related("version__asset__project").get(pk=feedback.pk)
    )
    _require_live(feedback)
    if feedback.parent_id is not None:
        raise CannotResolveReply()
    if (feedback.resolved_at is not None) == resolved:
        return feedback
    feedback.resolved_at = timezone.now() if resolved else None
    feedback.resolved_by = actor if resolved else None
    feedback.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    _publish(feedback, "feedback.resolved" if resolved else "feedback.reopened", actor=actor)
    return feedback
