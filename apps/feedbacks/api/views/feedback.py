from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.downloads import attachment
from apps.projects import permissions

from ... import selectors, services, shots, timecode
from ...models import FEEDBACK_BODY_MAX_LENGTH, Feedback, Version
from ...serializers.feedback import FeedbackOut, ReactionSummaryOut, feedback_rows_out, reaction_summary
from .base import BOOLEAN_FILTER, TimecodeInput, timecode_kwargs, tristate


class FeedbackCursorPagination(CursorPagination):
    """Feedback in timeline order, stable while comments arrive."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("seconds", "created_at", "id")

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # The position is a timecode: any other text in a forged cursor would fail in the
        # query (500); it is a cursor that is not ours, like any other (404).
        if cursor is not None and cursor.position is not None:
            try:
                float(cursor.position)
            except ValueError:
                raise NotFound(self.invalid_cursor_message) from None
        return cursor


class FeedbackIn(TimecodeInput, StrictSerializer):
    """A comment at `frame` (exact; or `timecode` in seconds, taken as the frame on screen:
    floor(seconds × fps)), optionally a range to `end_frame` / `end_timecode`, with an optional
    drawing; or a reply (`parent_id`, without timecode or drawing)."""

    body = serializers.CharField(max_length=FEEDBACK_BODY_MAX_LENGTH)
    annotation = serializers.JSONField(required=False, allow_null=True, help_text="Shapes drawn on the frame.")
    parent_id = serializers.UUIDField(required=False, allow_null=True)
    internal = serializers.BooleanField(required=False, default=False)
    urgent = serializers.BooleanField(
        required=False, default=False, help_text="Send it to AI triage at once instead of with the next batch."
    )
    mention_ids = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=20)


def _parent(user, version: Version, parent_id) -> Feedback | None:
    if parent_id is None:
        return None
    parent = Feedback.objects.filter(pk=parent_id, version__asset__project_id=version.asset.project_id).first()
    if parent is None or (
        parent.internal and not permissions.can(user, permissions.VIEW_INTERNAL, version.asset.project)
    ):
        # An internal comment the caller may not see is not there for them (no reply to it).
        raise serializers.ValidationError({"parent_id": ["No such comment on this version."]})
    return parent


class FeedbackListCreate(ListAPIView):
    serializer_class = FeedbackOut
    pagination_class = FeedbackCursorPagination
    filter_backends = []

    class FilterSerializer(serializers.Serializer):
        resolved = serializers.ChoiceField(**BOOLEAN_FILTER)
        internal = serializers.ChoiceField(**BOOLEAN_FILTER)
        has_annotation = serializers.ChoiceField(**BOOLEAN_FILTER)
        author = serializers.UUIDField(required=False)
        shot = serializers.UUIDField(
            required=False, help_text="A shot of the linked plan: the comments inside its range on this version."
        )

    @extend_schema(parameters=[FilterSerializer])
    def get(self, request, *args, **kwargs):
        """Top-level comments in timecode order, each with its replies: this version's own and
        unresolved ones carried over from the previous version (`carried_over`)."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        role = selectors.version_reader_role(user=self.request.user, version_id=self.kwargs["version_id"])
        if role is None:
            raise NotFound()
        self.include_internal = selectors.sees_internal(role)
        filters = validated(self.FilterSerializer, self.request.query_params)
        # One map lookup for the whole page: the filter and every comment's `shot` use it.
        self.version_shots = shots.shots_on(self.kwargs["version_id"])
        return selectors.feedback_rows_on_version(
            version_id=self.kwargs["version_id"],
            include_internal=self.include_internal,
            resolved=tristate(filters.get("resolved")),
            internal=tristate(filters.get("internal")),
            has_annotation=tristate(filters.get("has_annotation")),
            author_id=filters.get("author"),
            frames=self._shot_frames(filters.get("shot")),
        )

    def _shot_frames(self, shot_id) -> tuple[int, int] | None:
        if shot_id is None:
            return None
        span = self.version_shots.span_of(shot_id)
        return (0, 0) if span is None else (span.start_frame, span.end_frame)

    def get_serializer_context(self):
        context = {**super().get_serializer_context(), "version_id": self.kwargs["version_id"]}
        if hasattr(self, "version_shots"):
            context["shot_maps"] = {str(self.kwargs["version_id"]): self.version_shots}
        return context

    def list(self, request, *args, **kwargs):
        # Plain rows in, FeedbackOut's output out (see feedback_rows_out); FeedbackOut
        # stays the documented shape.
        page = self.paginate_queryset(self.get_queryset())
        selectors.feedback_rows_add_details(page, include_internal=self.include_internal)
        return self.get_paginated_response(feedback_rows_out(page, context=self.get_serializer_context()))

    @extend_schema(
        request=FeedbackIn,
        responses={201: FeedbackOut, 409: error_response("The version is not ready (`version_not_ready`)")},
    )
    def post(self, request, version_id):
        """A comment at `frame` (or `timecode` seconds), optionally a range to `end_frame`,
        with an optional drawing (`annotation`); or a reply (`parent_id`, no timecode)."""
        version = selectors.version_ref_for_user(user=request.user, version_id=version_id)
        project = version.asset.project
        permissions.require(request.user, permissions.COMMENT, project)
        data = validated(FeedbackIn, request.data)
        if data["internal"]:
            # Who cannot see internal notes (the reviewer, the client) cannot write one.
            permissions.require(request.user, permissions.VIEW_INTERNAL, project)
        feedback = services.feedback_create(
            version=version,
            author=request.user,
            body=data["body"],
            annotation=data.get("annotation"),
            parent=_parent(request.user, version, data.get("parent_id")),
            internal=data["internal"],
            urgent=data["urgent"],
            mention_ids=data.get("mention_ids", ()),
            **timecode_kwargs(data),
        )
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback.pk)
        return Response(FeedbackOut(feedback, context={"version_id": version_id}).data, status=status.HTTP_201_CREATED)


class FeedbackDetail(APIView):
    class InputSerializer(StrictSerializer):
        body = serializers.CharField(max_length=FEEDBACK_BODY_MAX_LENGTH, required=False)
        annotation = serializers.JSONField(required=False, allow_null=True)
        internal = serializers.BooleanField(required=False)
        mention_ids = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=20)

        def validate(self, data):
            if not data:
                raise serializers.ValidationError({"non_field_errors": ["Send at least one field."]})
            return data

    @extend_schema(responses=FeedbackOut)
    def get(self, request, feedback_id):
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        if feedback.deleted_at is not None:
            raise NotFound()
        return Response(FeedbackOut(feedback).data)

    @extend_schema(
        request=InputSerializer, responses={200: FeedbackOut, 403: error_response("Not the author (`not_author`)")}
    )
    def patch(self, request, feedback_id):
        """The author edits their comment (body, drawing, internal flag, mentions)."""
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        project = feedback.version.asset.project
        permissions.require(request.user, permissions.COMMENT, project)
        data = validated(self.InputSerializer, request.data)
        if data.get("internal"):
            permissions.require(request.user, permissions.VIEW_INTERNAL, project)
        services.feedback_update(feedback=feedback, actor=request.user, data=data)
        return Response(FeedbackOut(selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)).data)

    @extend_schema(responses={204: None, 403: error_response("Not the author or a manager (`not_author`)")})
    def delete(self, request, feedback_id):
        """Soft delete: the author, or a manager/owner."""
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        permissions.require(request.user, permissions.COMMENT, feedback.version.asset.project)
        services.feedback_delete(feedback=feedback, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FeedbackResolve(APIView):
    class InputSerializer(StrictSerializer):
        resolved = serializers.BooleanField(required=False, default=True)

    @extend_schema(request=InputSerializer, responses=FeedbackOut)
    def post(self, request, feedback_id):
        """Resolve (or, with `{"resolved": false}`, reopen) a top-level comment."""
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        permissions.require(request.user, permissions.RESOLVE, feedback.version.asset.project)
        data = validated(self.InputSerializer, request.data)
        services.feedback_resolve(feedback=feedback, actor=request.user, resolved=data["resolved"])
        return Response(FeedbackOut(selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)).data)


class FeedbackReactions(APIView):
    class InputSerializer(StrictSerializer):
        emoji = serializers.CharField(max_length=16)

    class OutputSerializer(serializers.Serializer):
        feedback_id = serializers.UUIDField()
        reactions = ReactionSummaryOut(many=True)

    def _out(self, feedback_id) -> dict:
        feedback = Feedback.objects.prefetch_related("reactions").get(pk=feedback_id)
        return {"feedback_id": str(feedback_id), "reactions": reaction_summary(feedback)}

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, 201: OutputSerializer})
    def post(self, request, feedback_id):
        """React with an emoji of FEEDBACK_REACTIONS; 201 when added, 200 when you already had."""
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        permissions.require(request.user, permissions.COMMENT, feedback.version.asset.project)
        emoji = validated(self.InputSerializer, request.data)["emoji"]
        added = services.reaction_add(feedback=feedback, user=request.user, emoji=emoji)
        return Response(self._out(feedback_id), status=status.HTTP_201_CREATED if added else status.HTTP_200_OK)

    @extend_schema(parameters=[OpenApiParameter("emoji", str, required=True)], responses={204: None})
    def delete(self, request, feedback_id):
        """Take your reaction back (`?emoji=`)."""
        feedback = selectors.feedback_for_user(user=request.user, feedback_id=feedback_id)
        permissions.require(request.user, permissions.COMMENT, feedback.version.asset.project)
        emoji = validated(self.InputSerializer, {"emoji": request.query_params.get("emoji", "")})["emoji"]
        services.reaction_remove(feedback=feedback, user=request.user, emoji=emoji)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FeedbackExport(APIView):
    class FilterSerializer(serializers.Serializer):
        format = serializers.ChoiceField(choices=["csv", "edl"], required=False, default="csv")
        include_internal = serializers.ChoiceField(**BOOLEAN_FILTER)
        include_resolved = serializers.ChoiceField(**BOOLEAN_FILTER)
        start = serializers.CharField(
            required=False, max_length=11, help_text="EDL record start timecode, e.g. 01:00:00:00 (default 00:00:00:00)"
        )

    def perform_content_negotiation(self, request, force=False):
        # `?format=` names the export, not a DRF renderer; errors are always JSON.
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV, UTF-8 with BOM"),
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description="CMX3600 EDL with markers"),
            409: error_response("The version is not ready (`version_not_ready`)"),
        },
    )
    def get(self, request, version_id):
        """Feedback listed on the version as CSV (every comment and reply) or as a CMX3600 EDL
        with one marker per top-level comment at its exact frame (Resolve / Premiere)."""
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        filters = validated(self.FilterSerializer, request.query_params)
        # A reviewer's export never holds internal notes, whatever `include_internal` says.
        include_internal = permissions.can(request.user, permissions.VIEW_INTERNAL, version.asset.project) and (
            filters.get("include_internal") != "false"
        )
        if version.status != Version.Status.READY:
            raise services.VersionNotReady()
        start_frame = 0
        if filters.get("start"):
            try:
                start_frame = timecode.smpte_to_frame(filters["start"], version.fps)
            except ValueError as exc:
                raise serializers.ValidationError({"start": [str(exc)]}) from exc
        qs = selectors.feedback_on_version(version=version, include_internal=include_internal)
        qs = qs.filter(deleted_at__isnull=True)
        if filters.get("include_resolved") == "false":
            qs = qs.filter(resolved_at__isnull=True)
        items = list(qs)
        stem = f"{version.asset.title} v{version.number} feedback"
        if filters["format"] == "edl":
            body = services.feedback_edl(version=version, items=items, start_frame=start_frame).encode()
            return attachment(body, name=f"{stem}.edl", content_type="text/plain; charset=utf-8")
        body = services.feedback_csv(version=version, items=items)
        return attachment(body, name=f"{stem}.csv", content_type="text/csv; charset=utf-8")
