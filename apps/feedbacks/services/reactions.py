"""Reactions on a comment: add or remove one emoji per person, announced on every stream the
comment is listed on (internal ones flagged, so the version room leaves them out for reviewers)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.projects.activity import activity_record
from apps.users.serializers import UserBriefOut

from ..models import Feedback, Reaction
from ..serializers.feedback import reaction_summary
from .feedback import _require_live, feedback_streams


def _reaction_event(feedback: Feedback, verb: str, *, user, emoji: str) -> None:
    feedback = Feedback.objects.prefetch_related("reactions").select_related("version__asset").get(pk=feedback.pk)
    payload = {
        "feedback_id": str(feedback.pk),
        "parent_id": str(feedback.parent_id) if feedback.parent_id else None,
        "version_id": str(feedback.version_id),
        "internal": feedback.internal,  # the version room leaves it out for reviewers
        "emoji": emoji,
        "user": UserBriefOut(user).data,
        "reactions": reaction_summary(feedback),
    }
    activity_record(
        project=feedback.version.asset.project,
        actor=user,
        verb=verb,
        target=feedback,
        timeline=False,
        payloads={stream: payload for stream, _ in feedback_streams(feedback)},
    )


@transaction.atomic
def reaction_add(*, feedback: Feedback, user, emoji: str) -> bool:
    """True when added, False when the user had already reacted so."""
    _require_live(feedback)
    if emoji not in settings.FEEDBACK_REACTIONS:
        raise ValidationError({"emoji": [f"Choose one of {' '.join(settings.FEEDBACK_REACTIONS)}."]})
    try:
        with transaction.atomic():
            Reaction.objects.create(feedback=feedback, user=user, emoji=emoji)
    except IntegrityError:
        return False
    _reaction_event(feedback, "reaction.added", user=user, emoji=emoji)
    return True


@transaction.atomic
def reaction_remove(*, feedback: Feedback, user, emoji: str) -> bool:
    _require_live(feedback)
    deleted, _ = Reaction.objects.filter(feedback=feedback, user=user, emoji=emoji).delete()
    if deleted:
        _reaction_event(feedback, "reaction.removed", user=user, emoji=emoji)
    return bool(deleted)
