"""Web analytics HTTP: the public ingestion endpoint (plain Django view: it reads the raw
body itself, for the size limit and text/plain beacons) and the staff API (DRF)."""

import hashlib
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.inputs import StrictSerializer, TimeRangeInput
from apps.core.errors import DomainError, error_response
from apps.core.pagination import PagePagination
from apps.core.throttling import rate_limit_wait

from ..permissions import CanMonitor
from . import health, services
from .aggregates import INTERVALS, analytics_compute, auto_interval
from .batch import Refused, batch_parse, body_read, events_split
from .ingest import events_ingest, site_for_key
from .models import Session, Site
from .report_schema import SiteAnalytics


def _throttle(scope: str, ident: str, rate: str, message: str) -> None:
    wait = rate_limit_wait(f"an-rate:{scope}:{ident}", rate)
    if wait:
        raise Refused(429, "throttled", message, details={"retry_after": wait}, retry_after=wait)


def _refuse(refused: Refused, *, started: float, site_id: str | None):
    response = error_response(refused.status, refused.code, refused.message, refused.details)
    if refused.retry_after is not None:
        response["Retry-After"] = str(refused.retry_after)
    health.ingestion_record(
        site_id=site_id, status=refused.status, accepted=0, rejected=0, seconds=time.perf_counter() - started
    )
    return response


def _origin(value: str) -> str:
    return value.strip().lower().rstrip("/")


@csrf_exempt
@require_POST
def events_ingest_view(request):
    """POST /api/v1/monitoring/events[/] — see ANALYTICS_API.md. Order: cheap refusals
    first (type, size, per-IP limit), then the body, the site, its origins and its limit."""
    started = time.perf_counter()
    site_id = None
    try:
        body = body_read(request)
        # The address is only a rate-limit key (hashed); it is never stored.
        ip_key = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]
        _throttle("ip", ip_key, settings.ANALYTICS_RATE_IP, "Too many requests from this address.")
        batch = batch_parse(body)
        site = site_for_key(batch.key)
        if site is None:
            raise Refused(400, "unknown_site", "No site has this key. Check data-site in the snippet.")
        site_id = str(site.pk)
        origin = _origin(request.headers.get("Origin", ""))
        if not origin or origin not in {_origin(o) for o in site.allowed_origins}:
            raise Refused(
                403, "origin_not_allowed", "This origin may not send events for this site.", details={"origin": origin}
            )
        _throttle("site", site_id, settings.ANALYTICS_RATE_SITE, "Too many requests for this site.")
    except Refused as refused:
        return _refuse(refused, started=started, site_id=site_id)

    now = timezone.now()
    valid, rejected = events_split(batch.events, now=now)
    try:
        accepted = events_ingest(
            site=site,
            visitor=batch.visitor,
            events=valid,
            user_agent=request.headers.get("User-Agent", ""),
            origin=origin,
            now=now,
        )
    except Exception:
        # Counted as an ingestion error (alertable); the envelope is the middleware's 500.
        health.ingestion_record(
            site_id=site_id, status=500, accepted=0, rejected=len(batch.events), seconds=time.perf_counter() - started
        )
        raise
    health.ingestion_record(
        site_id=site_id, status=202, accepted=accepted, rejected=len(rejected), seconds=time.perf_counter() - started
    )
    return JsonResponse({"accepted": accepted, "rejected": rejected}, status=202)


def active_since(now=None):
    return (now or timezone.now()) - timedelta(seconds=settings.ANALYTICS_ACTIVE_WINDOW_SECONDS)


# --- staff API -----------------------------------------------------------------------


class RangeTooLarge(DomainError):
    code = "range_too_large"
    status_code = 422


def origin_normalise(value: str) -> str:
    """`https://Example.com:8443/` → `https://example.com:8443`; anything with a path,
    query, credentials or another scheme is refused."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise serializers.ValidationError(f"{value[:100]!r} is not an origin.") from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise serializers.ValidationError(f"{value[:100]!r} is not an origin like https://example.com.")
    default = {"http": 80, "https": 443}[parts.scheme]  # browsers leave the default port out of Origin
    return f"{parts.scheme}://{parts.hostname}" + (f":{port}" if port and port != default else "")


class SiteIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    allowed_origins = serializers.ListField(child=serializers.CharField(max_length=300), min_length=1, max_length=20)
    retention_days = serializers.IntegerField(min_value=1, max_value=3650, required=False)

    def validate_allowed_origins(self, value):
        return list(dict.fromkeys(origin_normalise(item) for item in value))


class SiteOwnerOut(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    display_name = serializers.CharField()


class SiteOut(serializers.ModelSerializer):
    owner = SiteOwnerOut(allow_null=True)
    snippet = serializers.SerializerMethodField()

    class Meta:
        model = Site
        fields = [
            "id",
            "name",
            "public_key",
            "allowed_origins",
            "owner",
            "retention_days",
            "last_event_at",
            "snippet",
            "created_at",
            "updated_at",
        ]

    def get_snippet(self, site) -> str:
        request = self.context.get("request")
        base = request.build_absolute_uri("/").rstrip("/") if request else ""
        return f'<script async src="{base}{settings.STATIC_URL}vp-tracker.js" data-site="{site.public_key}"></script>'


class SiteListCreate(ListAPIView):
    permission_classes = [CanMonitor]
    pagination_class = PagePagination
    filter_backends = []
    serializer_class = SiteOut

    def get_queryset(self):
        return Site.objects.select_related("owner").order_by("name", "id")

    @extend_schema(request=SiteIn, responses={201: SiteOut})
    def post(self, request):
        data = SiteIn(data=request.data)
        data.is_valid(raise_exception=True)
        site = services.site_create(owner=request.user, data=data.validated_data)
        return Response(SiteOut(site, context={"request": request}).data, status=status.HTTP_201_CREATED)


class SiteDetail(APIView):
    permission_classes = [CanMonitor]

    def _site(self, pk) -> Site:
        return get_object_or_404(Site.objects.select_related("owner"), pk=pk)

    @extend_schema(responses=SiteOut)
    def get(self, request, pk):
        return Response(SiteOut(self._site(pk), context={"request": request}).data)

    @extend_schema(request=SiteIn(partial=True), responses=SiteOut)
    def patch(self, request, pk):
        site = self._site(pk)
        data = SiteIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        site = services.site_update(site=site, data=data.validated_data)
        return Response(SiteOut(site, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        services.site_delete(site=self._site(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SiteRotateKey(APIView):
    permission_classes = [CanMonitor]

    @extend_schema(request=None, responses=SiteOut)
    def post(self, request, pk):
        site = services.site_rotate_key(site=get_object_or_404(Site.objects.select_related("owner"), pk=pk))
        return Response(SiteOut(site, context={"request": request}).data)


class ActiveSessionOut(serializers.ModelSerializer):
    current_page = serializers.CharField(source="exit_page")

    class Meta:
        model = Session
        fields = [
            "id",
            "visitor",
            "started_at",
            "last_seen_at",
            "current_page",
            "entry_page",
            "page_count",
            "duration_seconds",
            "device_class",
            "browser",
            "os",
            "referrer",
            "utm_source",
            "converted",
        ]
        read_only_fields = fields  # an answer: every field is always there


class ActiveSessions(APIView):
    permission_classes = [CanMonitor]

    class FilterSerializer(serializers.Serializer):
        site = serializers.UUIDField()

    @extend_schema(
        parameters=[FilterSerializer],
        responses=inline_serializer(
            "ActiveSessions",
            {
                "site": serializers.UUIDField(),
                "window_seconds": serializers.IntegerField(),
                "count": serializers.IntegerField(),
                "results": ActiveSessionOut(many=True),
            },
        ),
    )
    def get(self, request):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        site = get_object_or_404(Site, pk=query.validated_data["site"])
        now = timezone.now()
        sessions = Session.objects.filter(site=site, last_alive_at__gte=active_since(now)).order_by(
            "-last_alive_at", "-id"
        )
        return Response(
            {
                "site": str(site.pk),
                "window_seconds": settings.ANALYTICS_ACTIVE_WINDOW_SECONDS,
                "count": sessions.count(),
                "results": ActiveSessionOut(sessions[:100], many=True).data,
            }
        )


class Analytics(APIView):
    permission_classes = [CanMonitor]

    class FilterSerializer(TimeRangeInput):
        default_span = timedelta(hours=24)

        site = serializers.UUIDField()
        interval = serializers.ChoiceField(choices=["auto", *INTERVALS], default="auto")
        limit = serializers.IntegerField(min_value=1, max_value=50, default=10)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=SiteAnalytics,
    )
    def get(self, request):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        site = get_object_or_404(Site, pk=data["site"])
        start, end = data["from"], data["to"]
        interval = data["interval"]
        if interval == "auto":
            interval = auto_interval(start, end)
        elif interval == "minute" and end - start > timedelta(hours=6):
            raise RangeTooLarge("Per-minute points are limited to 6 hours.")
        elif interval == "hour" and end - start > timedelta(days=31):
            raise RangeTooLarge("Hourly points are limited to 31 days.")
        return Response(
            analytics_compute(
                site=site, start=start, end=end, interval=interval, limit=data["limit"], now=timezone.now()
            )
        )
