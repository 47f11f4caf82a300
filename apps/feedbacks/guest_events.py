"""What a share link's guest receives of the version room's events (`/ws/share/`).

The room's events carry what members see (`FeedbackOut`: e-mails, mentions, triage, the
internal flag, who reacted). A guest gets the comment as the share page shows it
(`GuestFeedbackOut`), built from the event alone, and only events about comments:
never about an internal one (the consumer applies `reader_event_without_internal` first, as
for the reviewer), nothing about versions, digests, shot maps or attention. A test holds
`guest_feedback` to `GuestFeedbackOut`."""

# A guest's WebSocket ticket carries {GUEST_GRANT: <share link id>} (core.ws.tickets).
GUEST_GRANT = "share_link"
# Fields that are the same in FeedbackOut and GuestFeedbackOut.
SHARED_FIELDS = (
    "id",
    "parent_id",
    "version_number",
    "body",
    "frame",
    "end_frame",
    "fps",
    "timecode",
    "smpte",
    "end_smpte",
    "annotation",
    "resolved",
    "deleted",
    "carried_over",
    "shot",
    "edited_at",
    "created_at",
)
FEEDBACK_EVENTS = (
    "feedback.created",
    "feedback.updated",
    "feedback.deleted",
    "feedback.resolved",
    "feedback.reopened",
    "feedback.hidden",  # made internal: the guest drops it (ids only)
)
REACTION_EVENTS = ("reaction.added", "reaction.removed")


def guest_feedback(feedback: dict) -> dict:
    """A member-shaped comment (FeedbackOut's data) as GuestFeedbackOut renders it."""
    author = feedback.get("author")
    shown = {key: feedback.get(key) for key in SHARED_FIELDS}
    shown["author"] = (
        {"display_name": author["display_name"], "is_guest": False}
        if author
        else {"display_name": feedback.get("guest_name") or "", "is_guest": True}
    )
    shown["reactions"] = [{"emoji": r["emoji"], "count": r["count"]} for r in feedback.get("reactions") or []]
    replies = [r for r in feedback.get("replies") or [] if not r.get("deleted") and not r.get("internal")]
    shown["replies"] = [guest_feedback(reply) for reply in replies]
    return shown


def guest_event(message: dict) -> dict | None:
    """An event without internal notes (`reader_event_without_internal`) as a guest gets it,
    or None when a guest gets nothing of it."""
    if message.get("type") not in FEEDBACK_EVENTS + REACTION_EVENTS:
        return None
    data = message.get("data") or {}
    if message["type"] in REACTION_EVENTS:
        keys = ("feedback_id", "parent_id", "version_id", "emoji")
        shown = {key: data.get(key) for key in keys}
        shown["reactions"] = [{"emoji": r["emoji"], "count": r["count"]} for r in data.get("reactions") or []]
    elif message["type"] == "feedback.hidden":
        shown = data
    else:
        shown = {"feedback": guest_feedback(data["feedback"])}
    return {key: message[key] for key in ("type", "stream", "seq", "ts") if key in message} | {"data": shown}
