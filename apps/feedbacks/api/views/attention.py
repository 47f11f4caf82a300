"""Review attention: players report what was actually played; the team reads who watched what,
everyone else only their own (apps/feedbacks/README.md, "Review attention")."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.throttling import rate_limit_wait
from apps.projects import permissions

from ... import selectors, selectors_attention, services
from ...serializers.attention import OwnAttentionOut, VersionAttentionOut
from ...services.attention import MAX_RANGES_PER_REPORT
from .sharing import PASSWORD_HEADER, SHARE_ERRORS, _GuestView

GUEST_KEY = {
    "regex": r"^[A-Za-z0-9_-]{16,64}$",
    "help_text": "A random key the guest's browser keeps (16–64 of A–Z a–z 0–9 _ -).",
}
REPORT_ERRORS = {
    409: error_response("The version is not ready (`version_not_ready`)"),
    422: error_response("Too many separate watched parts recorded (`watch_ranges_fragmented`)"),
    429: error_response("More reports than THROTTLE_ATTENTION allows (`throttled`, details.retry_after)"),
}
GUEST_REPORT_ERRORS = {
    **REPORT_ERRORS,
    409: error_response(
        "The version is not ready (`version_not_ready`), or the link already records SHARE_LINK_MAX_GUESTS "
        "other guests (`share_link_guests_full`, details.max_guests)"
    ),
}


class ReportIn(StrictSerializer):
    ranges = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=2, max_length=2),
        min_length=1,
        max_length=MAX_RANGES_PER_REPORT,
        help_text="[start_frame, end_frame) ranges played since the last report; end ≤ frame_count.",
    )


class GuestReportIn(ReportIn):
    guest_key = serializers.RegexField(**GUEST_KEY)
    guest_name = serializers.CharField(max_length=80, required=False, allow_blank=True)


def _limit_reports(key: str) -> None:
    """One person's reports of one version: a player sends one every ~10 s and on pause/seek."""
    wait = rate_limit_wait(f"attention:{key}", settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["attention"])
    if wait is not None:
        raise Throttled(wait=wait)


class VersionAttention(APIView):
    @extend_schema(responses=VersionAttentionOut)
    def get(self, request, version_id):
        """Who watched what (owner, manager, editor): per second of the version how many of the
        audience (guests, reviewers, viewers) played it, each person's share and unwatched
        ranges, and what each review decision was based on."""
        version = selectors.version_ref_for_user(user=request.user, version_id=version_id)
        permissions.require(request.user, permissions.VIEW_ATTENTION, version.asset.project)
        return Response(VersionAttentionOut(selectors_attention.version_attention(version=version)).data)


class MyAttention(APIView):
    @extend_schema(responses=OwnAttentionOut)
    def get(self, request, version_id):
        """What I have played of the version (any member; only my own)."""
        version = selectors.version_ref_for_user(user=request.user, version_id=version_id)
        record = selectors_attention.member_watch_record(version=version, user=request.user)
        return Response(OwnAttentionOut(selectors_attention.own_attention(version=version, record=record)).data)

    @extend_schema(request=ReportIn, responses={200: OwnAttentionOut, **REPORT_ERRORS})
    def post(self, request, version_id):
        """Report frame ranges my player actually played (merged into what I watched before)."""
        version = selectors.version_ref_for_user(user=request.user, version_id=version_id)
        data = validated(ReportIn, request.data)
        _limit_reports(f"{version.pk}:{request.user.pk}")
        record = services.watch_record_add(version=version, viewer=request.user, ranges=data["ranges"])
        return Response(OwnAttentionOut(selectors_attention.own_attention(version=version, record=record)).data)


class ShareAttention(_GuestView):
    class QuerySerializer(StrictSerializer):
        guest_key = serializers.RegexField(**GUEST_KEY)

    @extend_schema(parameters=[PASSWORD_HEADER, QuerySerializer], responses={200: OwnAttentionOut, **SHARE_ERRORS})
    def get(self, request, token):
        """What this guest (their `guest_key`) has played of the link's version."""
        link = self.open(request, token)
        key = validated(self.QuerySerializer, request.query_params.dict())["guest_key"]
        record = selectors_attention.guest_watch_record(link=link, guest_key=key)
        return Response(OwnAttentionOut(selectors_attention.own_attention(version=link.version, record=record)).data)

    @extend_schema(
        parameters=[PASSWORD_HEADER],
        request=GuestReportIn,
        responses={200: OwnAttentionOut, **SHARE_ERRORS, **GUEST_REPORT_ERRORS},
    )
    def post(self, request, token):
        """A guest's player reports the frame ranges it played (view and comment links alike).
        A link records at most SHARE_LINK_MAX_GUESTS guests; a new one past that still watches,
        unrecorded (409 `share_link_guests_full`)."""
        link = self.open(request, token)
        data = validated(GuestReportIn, request.data)
        _limit_reports(f"{link.pk}:{data['guest_key']}")
        record = services.watch_record_add(
            version=link.version,
            share_link=link,
            guest_key=data["guest_key"],
            guest_name=data.get("guest_name", "").strip(),
            ranges=data["ranges"],
        )
        return Response(OwnAttentionOut(selectors_attention.own_attention(version=link.version, record=record)).data)
