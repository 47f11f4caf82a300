"""Web analytics HTTP: the public ingestion endpoint (plain Django view: it reads the raw
body itself, for the size limit and text/plain beacons) and the staff API (DRF)."""

import hashlib
import json
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
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
from apps.core.text import unstorable_char, unstorable_message
from apps.core.throttling import parse_rate

from ..permissions import CanMonitor
from . import health, services
from .aggregates import INTERVALS, analytics_compute, auto_interval
from .ingest import ID_RE, event_validate, events_ingest, site_for_key
from .models import Session, Site

_CONTENT_TYPES = {"application/json", "text/plain"}


def _over_limit(scope: str, ident: str, rate: str) -> int | None:
    """Fixed-window counter in the cache; the seconds to wait when over the limit. The
    cache fails open, so a Redis outage lets traffic through rather than refusing it."""
    limit, window = parse_rate(rate)
    bucket = int(time.time() // window)
    key = f"an-rate:{scope}:{ident}:{bucket}"
    try:
        try:
            count = cache.incr(key)  # one round trip for every request but a window's first
        except ValueError:  # no counter yet in this window
            count = 1 if cache.add(key, 1, window + 1) else cache.incr(key)
    except Exception:  # noqa: BLE001 — fail open
        return None
    if isinstance(count, int) and count > limit:
        return max(1, int(window - time.time() % window))
    return None


def _refuse(
    status: int,
    code: str,
    message: str,
    *,
    started: float,
    site_id: str | None = None,
    details: dict | None = None,
    retry_after: int | None = None,
):
    response = error_response(status, code, message, details)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    health.ingestion_record(
        site_id=site_id, status=status, accepted=0, rejected=0, seconds=time.perf_counter() - started
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
    content_type = request.content_type or ""
    if not content_type and not request.META.get("CONTENT_LENGTH"):
        return _refuse(400, "validation_error", "The body is empty.", started=started)
    if content_type not in _CONTENT_TYPES:
        return _refuse(415, "unsupported_media_type", "Send application/json or text/plain.", started=started)
    limit = settings.ANALYTICS_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return _refuse(413, "payload_too_large", f"The body is larger than {limit} bytes.", started=started)
    body = request.read(limit + 1)
    if len(body) > limit:
        return _refuse(413, "payload_too_large", f"The body is larger than {limit} bytes.", started=started)

    # The address is only a rate-limit key (hashed); it is never stored.
    ip_key = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]
    wait = _over_limit("ip", ip_key, settings.ANALYTICS_RATE_IP)
    if wait:
        return _refuse(
            429,
            "throttled",
            "Too many requests from this address.",
            started=started,
            details={"retry_after": wait},
            retry_after=wait,
        )

    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return _refuse(400, "validation_error", "The body is not valid JSON.", started=started)
    problems = {}
    if not isinstance(payload, dict):
        return _refuse(400, "validation_error", "The body must be a JSON object.", started=started)
    key, visitor, events = payload.get("site"), payload.get("vid"), payload.get("events")
    if not isinstance(key, str) or not key:
        problems["site"] = ["The site key is required."]
    elif char := unstorable_char(key):
        problems["site"] = [unstorable_message(char)]
    if not (isinstance(visitor, str) and ID_RE.match(visitor)):
        problems["vid"] = ["A visitor id of 8–64 characters A-Z a-z 0-9 _ - is required."]
    if not isinstance(events, list) or not events:
        problems["events"] = ["A non-empty list of events is required."]
    if problems:
        return _refuse(400, "validation_error", "The batch is invalid.", started=started, details=problems)
    if len(events) > settings.ANALYTICS_MAX_EVENTS:
        return _refuse(
            400,
            "too_many_events",
            f"At most {settings.ANALYTICS_MAX_EVENTS} events per request.",
            started=started,
            details={"events": [f"{len(events)} events sent."]},
        )

    site = site_for_key(key)
    if site is None:
        return _refuse(400, "unknown_site", "No site has this key. Check data-site in the snippet.", started=started)
    site_id = str(site.pk)
    origin = _origin(request.headers.get("Origin", ""))
    if not origin or origin not in {_origin(o) for o in site.allowed_origins}:
        return _refuse(
            403,
            "origin_not_allowed",
            "This origin may not send events for this site.",
            started=started,
            site_id=site_id,
            details={"origin": origin},
        )
    wait = _over_limit("site", site_id, settings.ANALYTICS_RATE_SITE)
    if wait:
        return _refuse(
            429,
            "throttled",
            "Too many requests for this site.",
            started=started,
            site_id=site_id,
            details={"retry_after": wait},
            retry_after=wait,
        )

    now = timezone.now()
    valid, rejected = [], []
    for index, raw in enumerate(events):
        size = len(json.dumps(raw, separators=(",", ":"))) if isinstance(raw, dict) else 0
        clean, reasons = event_validate(raw, now=now, encoded_size=size)
        if clean is None:
            rejected.append({"index": index, "reasons": reasons})
        else:
            valid.append(clean)
    try:
        accepted = events_ingest(
            site=site,
            visitor=visitor,
            events=valid,
            user_agent=request.headers.get("User-Agent", ""),
            origin=origin,
            now=now,
        )
    except Exception:
        # Counted as an ingestion error (alertable); the envelope is the middleware's 500.
        health.ingestion_record(
            site_id=site_id, status=500, accepted=0, rejected=len(events), seconds=time.perf_counter() - started
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
        responses={
            200: inline_serializer(
                "SiteAnalytics",
                {
                    "site": serializers.DictField(),
                    "from": serializers.DateTimeField(),
                    "to": serializers.DateTimeField(),
                    "interval": serializers.CharField(),
                    "source": serializers.CharField(),
                    "totals": serializers.DictField(),
                    "top_pages": serializers.ListField(child=serializers.DictField()),
                    "entry_pages": serializers.ListField(child=serializers.DictField()),
                    "exit_pages": serializers.ListField(child=serializers.DictField()),
                    "referrers": serializers.ListField(child=serializers.DictField()),
                    "devices": serializers.ListField(child=serializers.DictField()),
                    "browsers": serializers.ListField(child=serializers.DictField()),
                    "conversions_by_name": serializers.ListField(child=serializers.DictField()),
                    "conversion_pages": serializers.ListField(child=serializers.DictField()),
                    "vitals": serializers.ListField(child=serializers.DictField()),
                    "vital_thresholds": serializers.DictField(),
                    "series": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
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
