"""Background task runs and database backups."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from ... import selectors
from ...models import Backup
from ...serializers import BackupOut, TaskRunOut
from .base import MonitoringList, MonitoringView


class TasksOverview(MonitoringView):
    @extend_schema(
        responses=inline_serializer(
            "TasksOverview",
            {
                "queues": serializers.DictField(child=serializers.IntegerField(), allow_null=True),
                "summary": serializers.ListField(child=serializers.DictField()),
                "recent": TaskRunOut(many=True),
                "failures": TaskRunOut(many=True),
                "retries": TaskRunOut(many=True),
            },
        )
    )
    def get(self, request):
        data = selectors.tasks_overview()
        return Response(
            {
                "queues": data["queues"],
                "summary": data["summary"],
                "recent": TaskRunOut(data["recent"], many=True).data,
                "failures": TaskRunOut(data["failures"], many=True).data,
                "retries": TaskRunOut(data["retries"], many=True).data,
            }
        )


class BackupList(MonitoringList):
    serializer_class = BackupOut

    def get_queryset(self):
        return Backup.objects.order_by("-created_at", "-id")

    @extend_schema(
        request=None, responses={202: inline_serializer("BackupQueued", {"status": serializers.CharField()})}
    )
    def post(self, request):
        """Start a backup now (runs in the worker)."""
        from ...tasks import backup_database

        backup_database.delay()
        return Response({"status": "queued"}, status=status.HTTP_202_ACCEPTED)
