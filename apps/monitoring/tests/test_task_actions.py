"""The tasks view's revoke and retry through a real Celery worker and the Redis broker: a task
waiting for its ETA is revoked and never runs; a running one is terminated (prefork pool); a
failed task is sent again with the same name, arguments and queue and runs again; staff only;
audited."""

import time

import pytest

from apps.core.models import AuditLog
from apps.monitoring.models import Delivery, TaskRun
from apps.monitoring.tasks import deliver_notification
from tests.workers import real_worker, start_worker, tasks_routed_to, worker_env, worker_queue

from .factories import NotificationChannelFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def worker():
    with real_worker("tasks", WEBHOOK_ALLOW_PRIVATE="1") as process:
        yield process


def _wait(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_task_waiting_for_its_eta_is_revoked_and_never_runs(worker, receiver, staff, staff_client):
    channel = NotificationChannelFactory(kind="webhook", url=receiver.url, secret=receiver.secret, recipients=[])
    warm = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 0})
    deliver_notification.delay(str(warm.pk))  # the worker is up and listening
    assert _wait(lambda: Delivery.objects.get(pk=warm.pk).status == "delivered")

    delivery = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 1})
    result = deliver_notification.apply_async(args=[str(delivery.pk)], countdown=4)
    run = TaskRun.objects.get(task_id=result.id)  # recorded when it was sent
    assert (run.state, run.args, run.name) == ("queued", [str(delivery.pk)], deliver_notification.name)
    assert run.queue and run.eta is not None
    listed = staff_client.get("/api/v1/monitoring/tasks/").json()["recent"]
    assert any(row["task_id"] == result.id and row["state"] == "queued" for row in listed)

    response = staff_client.post(f"/api/v1/monitoring/tasks/{result.id}/revoke/", {}, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "revoked"

    time.sleep(7)  # past the ETA: the worker drops it
    delivery.refresh_from_db()
    assert delivery.attempts == 0 and len(receiver.requests) == 1  # only the warm-up
    run.refresh_from_db()
    assert run.state == "revoked" and run.worker == ""  # never started

    entry = AuditLog.objects.get(action="task.revoked")
    assert entry.actor_id == staff.pk and entry.target == f"task:{result.id}"
    assert entry.data["name"] == deliver_notification.name and entry.data["terminate"] is False

    again = staff_client.post(f"/api/v1/monitoring/tasks/{result.id}/revoke/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "task_finished"


def test_a_task_revoked_while_no_worker_consumes_its_queue_never_runs(receiver, staff_client):
    channel = NotificationChannelFactory(kind="webhook", url=receiver.url, secret=receiver.secret, recipients=[])
    namespace = worker_queue("revoke-idle")
    with tasks_routed_to(namespace):
        delivery = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 1})
        result = deliver_notification.delay(str(delivery.pk))
        assert TaskRun.objects.get(task_id=result.id).state == "queued"
        response = staff_client.post(f"/api/v1/monitoring/tasks/{result.id}/revoke/", {}, format="json")
        assert response.status_code == 202, response.content

        process = start_worker(namespace, worker_env(namespace, WEBHOOK_ALLOW_PRIVATE="1"))
        try:
            later = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 2})
            deliver_notification.delay(str(later.pk))  # sent after the revoked one, same queue
            assert _wait(lambda: Delivery.objects.get(pk=later.pk).status == "delivered")
        finally:
            process.terminate()
            process.wait(timeout=20)
    delivery.refresh_from_db()
    assert delivery.attempts == 0 and len(receiver.requests) == 1
    assert TaskRun.objects.get(task_id=result.id).state == "revoked"


def test_a_running_task_is_terminated_in_a_prefork_worker(receiver, staff, staff_client):
    channel = NotificationChannelFactory(kind="webhook", url=receiver.url, secret=receiver.secret, recipients=[])
    receiver.script = [("sleep", 6)]  # the delivery hangs in the worker's child for 6 s
    with real_worker("terminate", pool="prefork", WEBHOOK_ALLOW_PRIVATE="1", WEBHOOK_TIMEOUT="60"):
        delivery = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 1})
        result = deliver_notification.delay(str(delivery.pk))
        assert _wait(lambda: len(receiver.requests) == 1 and TaskRun.objects.get(task_id=result.id).state == "started")

        refused = staff_client.post(f"/api/v1/monitoring/tasks/{result.id}/revoke/", {}, format="json")
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "task_running"

        response = staff_client.post(
            f"/api/v1/monitoring/tasks/{result.id}/revoke/", {"terminate": True}, format="json"
        )
        assert response.status_code == 202, response.content

        time.sleep(8)  # past the receiver's 6 s: a task left running would have delivered by now
        delivery.refresh_from_db()
        assert delivery.status != "delivered"
        run = TaskRun.objects.get(task_id=result.id)
        assert run.state == "revoked" and run.error == "terminated"

        later = Delivery.objects.create(channel=channel, event_type="channel.test", payload={"x": 2})
        deliver_notification.delay(str(later.pk))  # the pool replaced the killed child
        assert _wait(lambda: Delivery.objects.get(pk=later.pk).status == "delivered")
    assert AuditLog.objects.get(action="task.revoked").data["terminate"] is True


def test_a_failed_task_is_retried_with_the_same_arguments_and_runs_again(worker, staff, staff_client):
    result = deliver_notification.delay("not-a-uuid")  # the lookup raises: the task fails
    assert _wait(lambda: TaskRun.objects.filter(task_id=result.id, state="failed").exists())
    failed = TaskRun.objects.get(task_id=result.id)
    assert failed.args == ["not-a-uuid"] and failed.worker

    listed = staff_client.get("/api/v1/monitoring/tasks/").json()["failures"]
    assert [row["retryable"] for row in listed if row["task_id"] == result.id] == [True]

    response = staff_client.post(f"/api/v1/monitoring/tasks/{result.id}/retry/")
    assert response.status_code == 202, response.content
    new_id = response.json()["task_id"]
    assert new_id != result.id
    assert _wait(lambda: TaskRun.objects.filter(task_id=new_id, state="failed").exists())
    rerun = TaskRun.objects.get(task_id=new_id)
    assert (rerun.name, rerun.args, rerun.kwargs, rerun.queue) == (failed.name, failed.args, {}, failed.queue)
    assert rerun.worker and rerun.finished_at is not None  # it ran in the worker again
    assert TaskRun.objects.get(task_id=result.id).state == "failed"  # the first run is left as it was

    entry = AuditLog.objects.get(action="task.retried")
    assert entry.actor_id == staff.pk and entry.target == f"task:{result.id}"
    assert entry.data["new_task_id"] == new_id


def test_only_staff_may_revoke_or_retry_and_finished_runs_refuse(member_client, staff_client):
    from django.utils import timezone

    queued = TaskRun.objects.create(
        task_id="t-queued", name="apps.monitoring.tasks.sweep_deliveries", state="queued", started_at=timezone.now()
    )
    ok = TaskRun.objects.create(
        task_id="t-ok", name="apps.monitoring.tasks.sweep_deliveries", state="succeeded", started_at=timezone.now(),
        args=[], kwargs={},
    )  # fmt: skip
    running = TaskRun.objects.create(
        task_id="t-run", name="apps.monitoring.tasks.sweep_deliveries", state="started", started_at=timezone.now()
    )
    assert member_client.post("/api/v1/monitoring/tasks/t-queued/revoke/").status_code == 403
    assert member_client.post("/api/v1/monitoring/tasks/t-ok/retry/").status_code == 403
    queued.refresh_from_db()
    assert queued.state == "queued" and not AuditLog.objects.filter(action__startswith="task.").exists()
    assert staff_client.post("/api/v1/monitoring/tasks/nope/revoke/").status_code == 404
    response = staff_client.post(f"/api/v1/monitoring/tasks/{ok.task_id}/retry/")
    assert response.status_code == 409 and response.json()["error"]["code"] == "task_not_retryable"
    response = staff_client.post(f"/api/v1/monitoring/tasks/{running.task_id}/revoke/", {}, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "task_running"
