from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.services import client_ip
from apps.core.throttling import IPRateThrottle
from apps.core.ws.tickets import ticket_issue
from apps.projects import permissions

from ... import selectors, services
from ...guest_events import GUEST_GRANT
from ...models import FEEDBACK_BODY_MAX_LENGTH, ShareLink, Version
from ...serializers.feedback import GuestFeedbackOut
from ...serializers.versions import ShareLinkOut, file_url
from .base import ShareRateThrottle, TimecodeInput
from .feedback import FeedbackCursorPagination

PASSWORD_HEADER = OpenApiParameter(
    "X-Share-Password", str, OpenApiParameter.HEADER, description="The link's password, when it has one."
)
SHARE_ERRORS = {
    401: error_response("The link has a password and none was sent (`share_password_required`)"),
    403: error_response("Wrong password (`share_password_invalid`)"),
    404: error_response("No such link"),
    410: error_response("The link expired (`share_link_expired`) or was revoked (`share_link_revoked`)"),
    429: error_response("Too many wrong passwords or requests (`throttled`, details.retry_after)"),
}


class ShareLinkListCreate(APIView):
    class InputSerializer(StrictSerializer):
        permission = serializers.ChoiceField(choices=ShareLink.Permission.choices, required=False, default="view")
        expires_in_days = serializers.IntegerField(min_value=1, max_value=settings.SHARE_LINK_MAX_DAYS, required=False)
        password = serializers.CharField(min_length=4, max_length=128, required=False, trim_whitespace=False)
        label = serializers.CharField(max_length=120, required=False, allow_blank=True)

    @extend_schema(responses=ShareLinkOut(many=True))
    def get(self, request, version_id):
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        permissions.require(request.user, permissions.UPLOAD, version.asset.project)
        return Response(ShareLinkOut(selectors.share_links_of(version=version), many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: ShareLinkOut, 409: error_response("The version is not ready (`version_not_ready`)")},
    )
    def post(self, request, version_id):
        """A link for outside reviewers to this one version (`url` opens the guest page)."""
        version = selectors.version_for_user(user=request.user, version_id=version_id)
        permissions.require(request.user, permissions.UPLOAD, version.asset.project)
        link = services.share_link_create(
            version=version, actor=request.user, **validated(self.InputSerializer, request.data)
        )
        return Response(ShareLinkOut(link).data, status=status.HTTP_201_CREATED)


class ShareLinkDetail(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, link_id):
        """Revokes the link at once."""
        link = selectors.share_link_for_user(user=request.user, link_id=link_id)
        permissions.require(request.user, permissions.UPLOAD, link.version.asset.project)
        services.share_link_revoke(link=link, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _GuestView(APIView):
    """Public: the token (and password) is the permission. Authorization headers are
    ignored, so a signed-in member sees exactly what a guest sees."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [IPRateThrottle, ShareRateThrottle]

    def open(self, request, token: str) -> ShareLink:
        return services.share_link_open(
            token=token, password=request.headers.get("X-Share-Password"), ip=client_ip(request)
        )


class GuestVersionOut(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [
            "number",
            "label",
            "status",
            "duration",
            "fps",
            "frame_count",
            "width",
            "height",
            "file_url",
            "poster_url",
        ]
        read_only_fields = fields

    def get_file_url(self, version) -> str | None:
        return file_url(version.file.name, self.context)

    def get_poster_url(self, version) -> str | None:
        return file_url(version.poster.name, self.context)


class _FirstPage(FeedbackCursorPagination):
    """The share page's own copy of the list's first page: it takes no cursor, and its `next`
    points at the list (`share/{token}/feedback/`), where the guest reads on."""

    def decode_cursor(self, request):
        return None


def _first_feedback_page(request, token: str, version: Version, context: dict) -> tuple[list, str | None]:
    paginator = _FirstPage()
    page = paginator.paginate_queryset(selectors.feedback_for_guest(version=version), request)
    query = request.META.get("QUERY_STRING", "")
    listing = request.build_absolute_uri(reverse("share-feedback", kwargs={"token": token}))
    paginator.base_url = f"{listing}?{query}" if query else listing
    return GuestFeedbackOut(page, many=True, context=context).data, paginator.get_next_link()


class SharePageOut(serializers.Serializer):
    class LinkOut(serializers.Serializer):
        permission = serializers.ChoiceField(choices=ShareLink.Permission.choices)
        label = serializers.CharField()
        expires_at = serializers.DateTimeField()

    class NamedOut(serializers.Serializer):
        name = serializers.CharField()

    class TitledOut(serializers.Serializer):
        title = serializers.CharField()

    link = LinkOut()
    project = NamedOut()
    asset = TitledOut()
    version = GuestVersionOut()
    feedback = GuestFeedbackOut(many=True, help_text="The first page of `share/{token}/feedback/`.")
    feedback_next = serializers.URLField(
        allow_null=True, help_text="The list's next page (`share/{token}/feedback/?cursor=`); null: that was all."
    )


PAGE_SIZE_PARAMETER = OpenApiParameter(
    "page_size",
    int,
    description=f"Comments per page (default {FeedbackCursorPagination.page_size}, "
    f"at most {FeedbackCursorPagination.max_page_size}).",
)


class SharePage(_GuestView):
    @extend_schema(parameters=[PASSWORD_HEADER, PAGE_SIZE_PARAMETER], responses={200: SharePageOut, **SHARE_ERRORS})
    def get(self, request, token):
        """Everything the guest review page needs: the version (with a URL to play it) and the
        first page of its non-internal feedback with replies, with the still-open comments
        carried over from the previous version (`carried_over`); the rest page by page from
        `feedback_next`. Live updates: `POST share/{token}/ws-ticket/`."""
        link = self.open(request, token)
        version = link.version
        context = {"request": request, "version_id": version.pk}
        feedback, feedback_next = _first_feedback_page(request, token, version, context)
        return Response(
            {
                "link": {"permission": link.permission, "label": link.label, "expires_at": link.expires_at},
                "project": {"name": version.asset.project.name},
                "asset": {"title": version.asset.title},
                "version": GuestVersionOut(version, context=context).data,
                "feedback": feedback,
                "feedback_next": feedback_next,
            }
        )


class ShareFeedbackListCreate(_GuestView, ListAPIView):
    serializer_class = GuestFeedbackOut
    pagination_class = FeedbackCursorPagination
    filter_backends = []

    class InputSerializer(TimecodeInput, StrictSerializer):
        guest_name = serializers.CharField(max_length=80)
        body = serializers.CharField(max_length=FEEDBACK_BODY_MAX_LENGTH)
        annotation = serializers.JSONField(required=False, allow_null=True)
        parent_id = serializers.UUIDField(required=False, allow_null=True)

    @extend_schema(parameters=[PASSWORD_HEADER], responses={200: GuestFeedbackOut(many=True), **SHARE_ERRORS})
    def get(self, request, *args, **kwargs):
        """The link's comments as the share page lists them (non-internal, timeline order, with
        replies and the still-open ones carried over), cursor-paginated: the share page holds
        the first page and `feedback_next`; follow `next` from there. A cursor that is not
        one of ours is 404."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.version = self.open(self.request, self.kwargs["token"]).version
        return selectors.feedback_for_guest(version=self.version)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "version"):
            context["version_id"] = self.version.pk
        return context

    @extend_schema(
        parameters=[PASSWORD_HEADER],
        request=InputSerializer,
        responses={
            201: GuestFeedbackOut,
            **SHARE_ERRORS,
            403: error_response("View-only link (`share_link_view_only`) or wrong password"),
        },
    )
    def post(self, request, token):
        """A guest comment under a name (links with permission `comment`)."""
        link = self.open(request, token)
        data = validated(self.InputSerializer, request.data)
        feedback = services.guest_feedback_create(
            link=link,
            guest_name=data["guest_name"],
            body=data["body"],
            parent_id=data.get("parent_id"),
            annotation=data.get("annotation"),
            frame=data.get("frame"),
            end_frame=data.get("end_frame"),
            timecode=data.get("timecode"),
            end_timecode=data.get("end_timecode"),
        )
        return Response(GuestFeedbackOut(feedback).data, status=status.HTTP_201_CREATED)


class ShareWsTicket(_GuestView):
    class OutputSerializer(serializers.Serializer):
        ticket = serializers.CharField()
        expires_in = serializers.IntegerField()

    @extend_schema(
        parameters=[PASSWORD_HEADER],
        request=None,
        responses={
            200: OutputSerializer,
            **SHARE_ERRORS,
            503: error_response("Realtime (Redis) is unavailable (`service_unavailable`)"),
        },
    )
    def post(self, request, token):
        """A single-use ticket (30 s) for `/ws/share/?ticket=`: the link's version room, live, as
        the guest sees it (comments and reactions, never internal ones); it stops when the link
        is revoked or expires."""
        link = self.open(request, token)
        ticket = ticket_issue(grant={GUEST_GRANT: str(link.pk)})
        return Response({"ticket": ticket, "expires_in": settings.WS_TICKET_TTL})
