from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer
from apps.core.notification_mail import notification_preferences_update, notification_unsubscribe, unsubscribe_target
from apps.core.notify import KIND_CHOICES, MODES, preference_modes
from apps.core.pagination import FeedCursorPagination
from apps.core.selectors import notification_unread_count, notifications_for_user
from apps.core.serializers import NotificationOut
from apps.core.services import notification_mark_read, notifications_mark_all_read


class NotificationList(ListAPIView):
    serializer_class = NotificationOut
    pagination_class = FeedCursorPagination
    filter_backends = []

    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="Only unread (true) or read (false)")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = self.FilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return notifications_for_user(user=self.request.user, unread=filters.validated_data["unread"])


class NotificationUnreadCount(APIView):
    @extend_schema(responses=inline_serializer("UnreadCount", {"count": serializers.IntegerField()}))
    def get(self, request):
        return Response({"count": notification_unread_count(user=request.user)})


class NotificationRead(APIView):
    @extend_schema(request=None, responses=NotificationOut)
    def post(self, request, pk):
        notification = get_object_or_404(notifications_for_user(user=request.user), pk=pk)
        notification = notification_mark_read(notification=notification)
        return Response(NotificationOut(notification, context={"request": request}).data)


class NotificationReadAll(APIView):
    @extend_schema(request=None, responses=inline_serializer("ReadAllResult", {"updated": serializers.IntegerField()}))
    def post(self, request):
        return Response({"updated": notifications_mark_all_read(user=request.user)})


class NotificationPreferenceItem(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES)
    mode = serializers.ChoiceField(choices=MODES)


class NotificationPreferencesOut(serializers.Serializer):
    kinds = NotificationPreferenceItem(many=True)


# Kinds only staff ever receive: nobody else is shown a setting that could never apply.
STAFF_ONLY_KINDS = frozenset({"alert"})


def _preferences_data(modes: dict[str, str], user) -> dict:
    shown = {kind: mode for kind, mode in modes.items() if user.is_staff or kind not in STAFF_ONLY_KINDS}
    return {"kinds": [{"kind": kind, "mode": mode} for kind, mode in shown.items()]}


class NotificationPreferences(APIView):
    """Per kind of notification: `in_app` (no e-mail), `instant` e-mail, daily `digest`, or
    `off` (no notification at all). PUT may name some kinds; the others keep their mode."""

    class InputSerializer(StrictSerializer):
        kinds = NotificationPreferenceItem(many=True, allow_empty=False)

        def validate_kinds(self, items):
            seen = [item["kind"] for item in items]
            if len(seen) != len(set(seen)):
                raise serializers.ValidationError("Each kind may appear once.")
            return items

    @extend_schema(responses=NotificationPreferencesOut)
    def get(self, request):
        return Response(_preferences_data(preference_modes(request.user), request.user))

    @extend_schema(request=InputSerializer, responses=NotificationPreferencesOut)
    def put(self, request):
        data = validated(self.InputSerializer, request.data)
        modes = notification_preferences_update(
            user=request.user, modes={item["kind"]: item["mode"] for item in data["kinds"]}
        )
        return Response(_preferences_data(modes, request.user))


class NotificationUnsubscribeOut(serializers.Serializer):
    email = serializers.CharField()
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=KIND_CHOICES))
    preferences = NotificationPreferenceItem(many=True)


def _masked(email: str) -> str:
    """Whom the link names, recognisable to its owner but not spelled out to whoever holds it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _unsubscribe_data(user, kinds, modes) -> dict:
    return {"email": _masked(user.email), "kinds": kinds, "preferences": _preferences_data(modes, user)["kinds"]}


class NotificationUnsubscribe(APIView):
    """The signed link of a notification e-mail (the token is the credential; no sign-in).
    GET: whom and which kinds it names, for the confirm page. POST: those kinds go `off` —
    also RFC 8058 one-click, which mail clients POST to the List-Unsubscribe URL."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def perform_content_negotiation(self, request, force=False):
        # A browser (Accept: text/html) is redirected below rather than refused with a 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(responses=NotificationUnsubscribeOut)
    def get(self, request, token):
        if "text/html" in request.META.get("HTTP_ACCEPT", ""):
            # A mail client without one-click opened the List-Unsubscribe URL in a browser:
            # the web app's confirm page asks first.
            return HttpResponseRedirect(f"{settings.FRONTEND_URL}/unsubscribe/{quote(token, safe=':')}")
        user, kinds = unsubscribe_target(token=token)
        return Response(_unsubscribe_data(user, kinds, preference_modes(user)))

    @extend_schema(request=None, responses=NotificationUnsubscribeOut)
    def post(self, request, token):
        user, kinds, modes = notification_unsubscribe(token=token)
        return Response(_unsubscribe_data(user, kinds, modes))
