from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from apps.ai_planning import selectors
from apps.ai_planning.job_events import job_event_stream
from apps.core import sse
from apps.core.api.base import validated
from apps.core.ws.base import MAX_SEQ

LAST_EVENT_ID = OpenApiParameter(
    "Last-Event-ID",
    int,
    OpenApiParameter.HEADER,
    description="The `id` of the last event received: the stream goes on after it (EventSource sends it "
    "on reconnect). Wins over `after`.",
)

# One event of the stream (OpenAPI before 3.2 describes an event stream by its events).
EVENT_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "The project stream's `seq`: send it back as `Last-Event-ID`."},
        "event": {"type": "string", "description": "`ai_job.*`, `plan.*`, or `resync`."},
        "data": {
            "type": "string",
            "description": "JSON: the WebSocket message `{type, stream, seq, ts, data}` (for `resync`: "
            "`{type, stream, seq, job}`, the job as it is now).",
        },
    },
    "required": ["event", "data"],
}


@sse.streams_events
class AIJobEvents(APIView):
    """The sync part (authentication with the revocation denylist, membership, throttles,
    input) is an ordinary DRF view answering the error envelope; what it returns is a stream
    Daphne writes from its event loop (`apps.ai_planning.job_events`), holding no thread."""

    class FilterSerializer(serializers.Serializer):
        after = serializers.IntegerField(
            min_value=0, max_value=MAX_SEQ, required=False, help_text="Resume after this event id (seq)."
        )

    def perform_content_negotiation(self, request, force=False):
        # The stream writes itself; errors are the JSON envelope whatever the client accepts
        # (`Accept: text/event-stream` must not turn a 401 into a 406).
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[FilterSerializer, LAST_EVENT_ID],
        responses={
            (200, "text/event-stream"): OpenApiResponse(
                EVENT_SCHEMA,
                description="Server-Sent Events, one per step of the job: `id:` the project stream's `seq`, "
                "`event:` the type (`ai_job.*`, `plan.*`), `data:` the WebSocket message as JSON "
                "(`{type, stream, seq, ts, data}`); `: keep-alive` comments while idle; an `event: resync` "
                "(the job as it is now) when the events after the given id were pruned. Ends after the "
                "event that leaves the job succeeded, failed, needs_attention or rejected.",
            )
        },
    )
    def get(self, request, job_id):
        """Follow an AI job's progress without a WebSocket (any member of its project)."""
        job = selectors.job_for_user(user=request.user, job_id=job_id)
        after = self._resume_position(request)
        frames = job_event_stream(
            job_id=job.pk, project_id=job.project_id, user_id=request.user.pk, claims=request.auth.payload, after=after
        )
        return sse.event_stream_response(frames)

    def _resume_position(self, request) -> int:
        header = request.headers.get("Last-Event-ID")
        if header is not None:
            return validated(self.FilterSerializer, {"after": header.strip()})["after"]
        return validated(self.FilterSerializer, request.query_params).get("after", 0)
