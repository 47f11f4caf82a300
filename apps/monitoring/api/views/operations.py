"""Background task runs and database backups."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from apps.core.api.base import validated
from apps.core.api.inputs import StrictSerializer

from ... import selectors
from ...models import Backup, TaskRun
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


class TaskRevoke(MonitoringView):
    class InputSerializer(StrictSerializer):
        terminate = serializers.BooleanField(
            default=False,
            help_text="Stop a running task: its process gets SIGTERM (prefork pool workers only).",
        )

    @extend_schema(request=InputSerializer, responses={202: TaskRunOut})
    def post(self, request, pk):
        """Revoke a queued task (every running worker drops it) or, with `terminate`, stop a
        running one. Audited."""
        from ...services.tasks import task_revoke

        data = validated(self.InputSerializer, request.data)
        run = task_revoke(
            actor=request.user,
            run=get_object_or_404(TaskRun, task_id=pk),
            terminate=data["terminate"],
            request=request,
        )
        return Response(TaskRunOut(run).data, status=status.HTTP_202_ACCEPTED)


class TaskRetry(MonitoringView):
    @extend_schema(
        request=None,
        responses={202: inline_serializer("TaskRetried", {"task_id": serializers.CharField()})},
    )
    def post(self, request, pk):
        """Send a failed task again with the same name, arguments and queue. Audited."""
        from ...services.tasks import task_retry

        new_id = task_retry(actor=request.user, run=get_object_or_404(TaskRun, task_id=pk), request=request)
        return Response({"task_id": new_id}, status=status.HTTP_202_ACCEPTED)


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
