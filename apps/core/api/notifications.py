from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

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
        return Response(NotificationOut(notification_mark_read(notification=notification)).data)


class NotificationReadAll(APIView):
    @extend_schema(request=None, responses=inline_serializer("ReadAllResult", {"updated": serializers.IntegerField()}))
    def post(self, request):
        return Response({"updated": notifications_mark_all_read(user=request.user)})
