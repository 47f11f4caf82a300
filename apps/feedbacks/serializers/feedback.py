"""Output serializers of comments (members' and guests' views): what the API renders and
what the realtime events carry, plus `feedback_rows_out`, the list's fast path."""

from rest_framework import serializers

from apps.users.models import User
from apps.users.serializers import UserBriefOut

from .. import shots, timecode
from ..models import TRIAGE_CATEGORIES, TRIAGE_PRIORITIES, Feedback


class ReactionSummaryOut(serializers.Serializer):
    emoji = serializers.CharField()
    count = serializers.IntegerField()
    user_ids = serializers.ListField(child=serializers.UUIDField())


def reaction_summary(feedback) -> list[dict]:
    """[{emoji, count, user_ids}] in the order each emoji was first used."""
    summary: dict[str, list] = {}
    for reaction in feedback.reactions.all():
        summary.setdefault(reaction.emoji, []).append(str(reaction.user_id))
    return [{"emoji": emoji, "count": len(users), "user_ids": users} for emoji, users in summary.items()]


class TriageOut(serializers.Serializer):
    category = serializers.ChoiceField(choices=TRIAGE_CATEGORIES)
    priority = serializers.ChoiceField(choices=TRIAGE_PRIORITIES)
    actionable = serializers.BooleanField()


class ShotRefOut(serializers.Serializer):
    shot_id = serializers.CharField()
    number = serializers.IntegerField()


class CommentStateMixin:
    """What members and guests both see of a comment's state: a deleted one keeps its place
    with no body or drawing, and the plan's shot its frame falls in."""

    def get_shot(self, feedback) -> ShotRefOut(allow_null=True):
        """The shot whose range holds the comment's frame on the map of the version being
        listed (context `version_id`, else the comment's own); null when none."""
        version_id = self.context.get("version_id") or feedback.version_id
        return shots.shots_in_context(self.context, version_id).shot_at(feedback.frame)

    def get_body(self, feedback) -> str:
        return "" if feedback.deleted_at else feedback.body

    def get_annotation(self, feedback) -> dict | None:
        return None if feedback.deleted_at else feedback.annotation

    def get_resolved(self, feedback) -> bool:
        return feedback.resolved_at is not None

    def get_deleted(self, feedback) -> bool:
        return feedback.deleted_at is not None


class FeedbackOut(CommentStateMixin, serializers.ModelSerializer):
    """A comment as members see it. `carried_over` is true when it belongs to an earlier
    version than the one being listed (context `version_id`). Deleted comments that still
    have replies keep their place with an empty body."""

    version_id = serializers.UUIDField(read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    parent_id = serializers.UUIDField(read_only=True, allow_null=True)
    author = UserBriefOut(read_only=True, allow_null=True)
    is_guest = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    timecode = serializers.FloatField(source="seconds", read_only=True)
    end_timecode = serializers.SerializerMethodField()
    smpte = serializers.CharField(read_only=True)
    end_smpte = serializers.CharField(read_only=True, allow_null=True)
    annotation = serializers.SerializerMethodField()
    mentions = serializers.SerializerMethodField()
    reactions = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()
    resolved_by = UserBriefOut(read_only=True, allow_null=True)
    deleted = serializers.SerializerMethodField()
    carried_over = serializers.SerializerMethodField()
    triage = serializers.SerializerMethodField()
    shot = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = [
            "id",
            "version_id",
            "version_number",
            "parent_id",
            "author",
            "guest_name",
            "is_guest",
            "body",
            "frame",
            "end_frame",
            "fps",
            "timecode",
            "end_timecode",
            "smpte",
            "end_smpte",
            "annotation",
            "internal",
            "urgent",
            "triage",
            "mentions",
            "reactions",
            "resolved",
            "resolved_by",
            "resolved_at",
            "edited_at",
            "deleted",
            "carried_over",
            "shot",
            "created_at",
            "updated_at",
            "replies",
        ]
        read_only_fields = fields

    def get_is_guest(self, feedback) -> bool:
        return feedback.author_id is None and bool(feedback.guest_name)

    def get_end_timecode(self, feedback) -> float | None:
        return None if feedback.end_frame is None else round(feedback.end_frame / feedback.fps, 6)

    def get_mentions(self, feedback) -> UserBriefOut(many=True):
        if feedback.deleted_at:
            return []
        return UserBriefOut(feedback.mentions.all(), many=True, context=self.context).data

    def get_reactions(self, feedback) -> ReactionSummaryOut(many=True):
        return reaction_summary(feedback)

    def get_carried_over(self, feedback) -> bool:
        listed_on = self.context.get("version_id")
        return listed_on is not None and str(listed_on) != str(feedback.version_id)

    def get_triage(self, feedback) -> TriageOut(allow_null=True):
        """The AI's reading of the comment (members only; null until triaged or without AI)."""
        if feedback.deleted_at or not feedback.triage:
            return None
        return {key: feedback.triage.get(key) for key in ("category", "priority", "actionable")}

    def get_replies(self, feedback) -> list[dict]:
        if feedback.parent_id is not None:
            return []
        replies = [reply for reply in feedback.replies.all() if reply.deleted_at is None]
        replies.sort(key=lambda reply: reply.created_at)
        return FeedbackOut(replies, many=True, context=self.context).data


_datetime = serializers.DateTimeField().to_representation


def _brief(row: dict, prefix: str, request) -> dict | None:
    """UserBriefOut(...).data of the user whose columns in `row` start with `prefix`."""
    user_id = row[f"{prefix}_id"]
    if user_id is None:
        return None
    avatar = row[f"{prefix}__avatar"]
    if avatar:
        avatar = User._meta.get_field("avatar").storage.url(avatar)
        avatar = request.build_absolute_uri(avatar) if request is not None else avatar
    return {
        "id": str(user_id),
        "email": row[f"{prefix}__email"],
        "display_name": row[f"{prefix}__display_name"],
        "avatar": avatar or None,
    }


def feedback_rows_out(rows: list[dict], *, context: dict) -> list[dict]:
    """`FeedbackOut(…, many=True, context=context).data`, built from the plain rows of
    `selectors.feedback_rows_on_version` (with their details added): the list is the
    busiest read, and model instances plus per-field serializer calls were most of its
    time. Keep it in step with FeedbackOut; the feedback API tests compare the two."""
    request = context.get("request")
    listed_on = context.get("version_id")
    listed_on = None if listed_on is None else str(listed_on)

    def shot_of(row: dict) -> dict | None:
        return shots.shots_in_context(context, listed_on or row["version_id"]).shot_at(row["frame"])

    def out(row: dict) -> dict:
        deleted = row["deleted_at"] is not None
        fps, end_frame, triage = row["fps"], row["end_frame"], row["triage"]
        version_id = str(row["version_id"])
        reactions: dict[str, list] = {}
        for user_id, emoji in row["reactions"]:
            reactions.setdefault(emoji, []).append(str(user_id))
        return {
            "id": str(row["id"]),
            "version_id": version_id,
            "version_number": row["version__number"],
            "parent_id": None if row["parent_id"] is None else str(row["parent_id"]),
            "author": _brief(row, "author", request),
            "guest_name": row["guest_name"],
            "is_guest": row["author_id"] is None and bool(row["guest_name"]),
            "body": "" if deleted else row["body"],
            "frame": row["frame"],
            "end_frame": end_frame,
            "fps": fps,
            "timecode": row["seconds"],
            "end_timecode": None if end_frame is None else round(end_frame / fps, 6),
            "smpte": timecode.frame_to_smpte(row["frame"], fps),
            "end_smpte": None if end_frame is None else timecode.frame_to_smpte(end_frame, fps),
            "annotation": None if deleted else row["annotation"],
            "internal": row["internal"],
            "urgent": row["urgent"],
            "triage": None
            if deleted or not triage
            else {key: triage.get(key) for key in ("category", "priority", "actionable")},
            "mentions": [] if deleted else [_brief(mention, "user", request) for mention in row["mentions"]],
            "reactions": [
                {"emoji": emoji, "count": len(users), "user_ids": users} for emoji, users in reactions.items()
            ],
            "resolved": row["resolved_at"] is not None,
            "resolved_by": _brief(row, "resolved_by", request),
            "resolved_at": _datetime(row["resolved_at"]) if row["resolved_at"] else None,
            "edited_at": _datetime(row["edited_at"]) if row["edited_at"] else None,
            "deleted": deleted,
            "carried_over": listed_on is not None and listed_on != version_id,
            "shot": shot_of(row),
            "created_at": _datetime(row["created_at"]),
            "updated_at": _datetime(row["updated_at"]),
            "replies": [out(reply) for reply in row["replies"]],
        }

    return [out(row) for row in rows]


class GuestAuthorOut(serializers.Serializer):
    display_name = serializers.CharField()
    is_guest = serializers.BooleanField()


class GuestFeedbackOut(CommentStateMixin, serializers.ModelSerializer):
    """What a share-link guest sees: no internal notes, no emails, no ids of people.
    `carried_over` as in FeedbackOut: still open from an earlier version (`version_number`).
    The guest's socket (`/ws/share/`) sends comments in this same shape."""

    parent_id = serializers.UUIDField(read_only=True, allow_null=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    timecode = serializers.FloatField(source="seconds", read_only=True)
    smpte = serializers.CharField(read_only=True)
    end_smpte = serializers.CharField(read_only=True, allow_null=True)
    annotation = serializers.SerializerMethodField()
    reactions = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()
    deleted = serializers.SerializerMethodField()
    carried_over = serializers.SerializerMethodField()
    shot = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = [
            "id",
            "parent_id",
            "version_number",
            "author",
            "body",
            "frame",
            "end_frame",
            "fps",
            "timecode",
            "smpte",
            "end_smpte",
            "annotation",
            "reactions",
            "resolved",
            "deleted",
            "carried_over",
            "shot",
            "edited_at",
            "created_at",
            "replies",
        ]
        read_only_fields = fields

    get_carried_over = FeedbackOut.get_carried_over

    def get_author(self, feedback) -> GuestAuthorOut:
        if feedback.author_id is None:
            return {"display_name": feedback.guest_name, "is_guest": True}
        return {"display_name": feedback.author.display_name, "is_guest": False}

    def get_reactions(self, feedback) -> list[dict]:
        return [{"emoji": r["emoji"], "count": r["count"]} for r in reaction_summary(feedback)]

    def get_replies(self, feedback) -> list[dict]:
        if feedback.parent_id is not None:
            return []
        replies = [r for r in feedback.replies.all() if r.deleted_at is None and not r.internal]
        replies.sort(key=lambda reply: reply.created_at)
        return GuestFeedbackOut(replies, many=True, context=self.context).data
