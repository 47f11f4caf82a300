"""Webhook delivery against a real HTTP receiver on 127.0.0.1 that verifies the Standard
Webhooks signature; retries; and the SSRF refusals (at save and again at send)."""

import datetime
import time

import pytest
from django.utils import timezone

from apps.monitoring.models import Alert, Delivery, NotificationChannel
from apps.monitoring.services import notify
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.services.notify import channel_send_test, delivery_attempt, retry_delay
from apps.monitoring.tasks import deliver_notification, sweep_deliveries
from apps.monitoring.webhooks import signature, signature_verify

from .conftest import T0, make_rule, put
from .factories import NotificationChannelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook(receiver) -> NotificationChannel:
    return NotificationChannelFactory(
        name="pager", kind="webhook", url=receiver.url, secret=receiver.secret, recipients=[], locale="en"
    )


def test_signature_follows_the_standard_webhooks_example():
    # The example from the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert (
        signature(secret=secret, message_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=1614265330, body=body) == expected
    )


def test_alert_is_delivered_signed_to_a_real_receiver(host, hook, receiver, django_capture_on_commit_callbacks):
    rule = make_rule(channels=[hook])
    with django_capture_on_commit_callbacks(execute=True):
        put(host, "cpu.percent", 97, T0)
        rule_evaluate(rule=rule, now=T0)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["valid"], "signature did not verify"
    assert request["path"] == "/hooks/alerts"
    payload = receiver.json()
    assert payload["type"] == "alert.firing"
    assert payload["data"]["alert"]["value"] == 97
    assert payload["data"]["host"]["name"] == "web-1"
    assert payload["data"]["subject"] == "[CRITICAL] CPU high firing on web-1"
    delivery = Delivery.objects.get()
    assert request["headers"]["webhook-id"] == delivery.message_id
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    attempt = delivery.attempt_log.get()
    assert attempt.ok and attempt.status_code == 200 and attempt.latency_ms >= 0
    assert Alert.objects.get().fired_notified


def test_a_tampered_body_does_not_verify(receiver):
    headers = {"webhook-id": "msg_1", "webhook-timestamp": "1", "webhook-signature": "v1,abc"}
    assert not signature_verify(secret=receiver.secret, headers=headers, body=b"{}")


def test_500_is_retried_with_the_same_id_and_logged(hook, receiver):
    receiver.script = [500, 500, 200]
    delivery = channel_send_test(channel=hook)
    delivery = delivery_attempt(delivery=delivery)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("retrying", 1, "HTTP 500")
    assert delivery.next_attempt_at is not None
    # Not due yet (a duplicate message, a redelivery): nothing is sent.
    assert delivery_attempt(delivery=delivery).attempts == 1 and len(receiver.requests) == 1
    delivery = delivery_attempt(delivery=delivery, now=delivery.next_attempt_at)
    delivery = delivery_attempt(delivery=delivery, now=delivery.next_attempt_at)
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    ids = {r["headers"]["webhook-id"] for r in receiver.requests}
    assert ids == {delivery.message_id}
    assert all(r["valid"] for r in receiver.requests)
    log = list(delivery.attempt_log.values_list("ok", "status_code"))
    assert log == [(False, 500), (False, 500), (True, 200)]
    # a delivered notification is never sent again
    delivery_attempt(delivery=delivery)
    assert len(receiver.requests) == 3


def test_timeout_is_retried_then_fails_after_the_last_attempt(hook, receiver, settings):
    settings.MONITORING_WEBHOOK_TIMEOUT = 0.5
    settings.MONITORING_WEBHOOK_MAX_ATTEMPTS = 2
    receiver.script = ["sleep", "sleep"]
    delivery = channel_send_test(channel=hook)
    delivery = delivery_attempt(delivery=delivery)
    assert delivery.status == "retrying" and "timeout" in delivery.last_error
    delivery = delivery_attempt(delivery=delivery, now=delivery.next_attempt_at)
    assert delivery.status == "failed"
    assert [a.ok for a in delivery.attempt_log.all()] == [False, False]
    assert all(500 <= a.latency_ms < 2000 for a in delivery.attempt_log.all())


def test_a_failed_try_is_retried_by_the_sweep_when_due_never_by_a_countdown(hook, receiver):
    receiver.script = [503]
    delivery = channel_send_test(channel=hook)
    deliver_notification.delay(str(delivery.pk))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("retrying", 1)  # and no message waits for the retry

    just_before = delivery.next_attempt_at - datetime.timedelta(seconds=1)
    assert sweep_deliveries.delay(just_before.isoformat()).get() == 0
    time.sleep(max(0.0, (delivery.next_attempt_at - timezone.now()).total_seconds()))  # the backoff: 1 s here
    assert sweep_deliveries.delay().get() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert sweep_deliveries.delay().get() == 0


def test_a_first_try_the_broker_lost_is_sent_by_the_sweep(hook, receiver, django_capture_on_commit_callbacks):
    delivery = channel_send_test(channel=hook)  # its on-commit send never happens: "lost"
    assert notify.deliveries_due(now=delivery.next_attempt_at + datetime.timedelta(seconds=29)) == []

    assert sweep_deliveries.delay((timezone.now() + datetime.timedelta(seconds=31)).isoformat()).get() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == ("delivered", 1, 1)


def test_redirects_are_not_followed(hook, receiver):
    receiver.script = [302]
    delivery = delivery_attempt(delivery=channel_send_test(channel=hook))
    assert delivery.status == "retrying" and delivery.last_error == "redirect not followed"
    assert len(receiver.requests) == 1


def test_retry_delay_backs_off_exponentially(settings):
    settings.MONITORING_WEBHOOK_RETRY_BASE = 10
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert retry_delay(20) == 3600


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://10.0.0.8/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://0.0.0.0/x",
        "http://localhost:8000/x",
    ],
)
def test_webhook_channel_to_internal_addresses_is_refused_at_save(staff_client, url):
    response = staff_client.post("/api/v1/monitoring/channels/", {"name": "x", "kind": "webhook", "url": url})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] in ("webhook_url_refused", "validation_error")
    assert NotificationChannel.objects.count() == 0


def test_hostname_resolving_to_a_private_address_is_refused(staff_client, fake_dns):
    fake_dns({"hooks.internal.example": ["10.1.2.3"]})
    response = staff_client.post(
        "/api/v1/monitoring/channels/", {"name": "x", "kind": "webhook", "url": "https://hooks.internal.example/a"}
    )
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "webhook_url_refused"
    assert "private" in body["details"]["url"][0]


def test_dns_rebinding_is_caught_at_send(staff_client, fake_dns):
    fake_dns({"hooks.example.com": ["93.184.216.34"]})
    response = staff_client.post(
        "/api/v1/monitoring/channels/", {"name": "x", "kind": "webhook", "url": "http://hooks.example.com/a"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["secret"].startswith("whsec_")
    channel = NotificationChannel.objects.get()
    fake_dns({"hooks.example.com": ["169.254.169.254"]})  # the name now points at the metadata service
    delivery = delivery_attempt(delivery=channel_send_test(channel=channel))
    assert delivery.status == "retrying"
    assert delivery.last_error.startswith("refused:") and "metadata" in delivery.last_error


def test_public_addresses_are_allowed_and_the_setting_opens_private_ones(settings, fake_dns):
    from apps.monitoring.netguard import UnsafeURL, url_resolve_checked

    fake_dns({"ok.example.com": ["93.184.216.34"], "lan.example.com": ["192.168.1.10"]})
    assert url_resolve_checked("https://ok.example.com/h")[4] == "93.184.216.34"
    with pytest.raises(UnsafeURL):
        url_resolve_checked("https://lan.example.com/h")
    settings.MONITORING_WEBHOOK_ALLOW_PRIVATE = True
    assert url_resolve_checked("https://lan.example.com/h")[4] == "192.168.1.10"
