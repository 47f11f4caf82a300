"""Slack channels: the Block Kit message a real HTTP receiver on 127.0.0.1 gets (in the
channel's language), retries logged per try, the Slack URL shape and the SSRF guard."""

import pytest

from apps.monitoring.models import Delivery, NotificationChannel
from apps.monitoring.services.alerts import rule_evaluate
from apps.monitoring.services.notify import channel_send_test, delivery_attempt

from .conftest import T0, make_rule, put
from .factories import NotificationChannelFactory

pytestmark = pytest.mark.django_db


def slack_channel(url: str, locale: str = "en") -> NotificationChannel:
    return NotificationChannelFactory(name="ops-slack", kind="slack", url=url, secret="", recipients=[], locale=locale)


def _texts(blocks: list[dict]) -> str:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [field["text"] for field in block.get("fields", [])]
        for element in block.get("elements", []):
            text = element.get("text", "")
            out.append(text["text"] if isinstance(text, dict) else text)
    return "\n".join(out)


def test_a_firing_alert_reaches_slack_as_blocks(host, receiver, django_capture_on_commit_callbacks):
    channel = slack_channel(receiver.url)
    rule = make_rule(channels=[channel])
    with django_capture_on_commit_callbacks(execute=True):
        put(host, "cpu.percent", 97, T0)
        rule_evaluate(rule=rule, now=T0)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["headers"]["content-type"] == "application/json"
    assert "webhook-signature" not in request["headers"]  # Slack's URL is the secret
    message = receiver.json()
    assert message["text"] == "[CRITICAL] CPU high firing on web-1"
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["type"] == "plain_text"
    assert "Firing" in blocks[0]["text"]["text"] and "CRITICAL" in blocks[0]["text"]["text"]
    section = blocks[1]
    assert section["type"] == "section" and section["text"]["text"] == "*CPU high*"
    fields = "\n".join(field["text"] for field in section["fields"])
    assert "*Metric*\n`cpu.percent`" in fields
    assert "*Value*\n97" in fields
    assert "*Threshold*\n&gt; 90" in fields  # mrkdwn escaped
    assert "*Host / target*\nweb-1" in fields
    assert "*Time*\n2026-03-02T12:00:00+00:00" in fields
    button = blocks[-1]["elements"][0]
    assert blocks[-1]["type"] == "actions" and button["text"]["text"] == "Open in console"
    alert = rule.alerts.get()
    assert button["url"].endswith(f"/monitoring/alerts?alert={alert.pk}")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert delivery.payload == message  # the delivery log shows what was sent
    assert delivery.attempt_log.get().status_code == 200


def test_the_message_is_in_the_channels_language(receiver):
    delivery = delivery_attempt(delivery=channel_send_test(channel=slack_channel(receiver.url, locale="ko")))
    assert delivery.status == "delivered"
    message = receiver.json()
    assert message["text"] == "VideoPlanet 테스트 알림"
    texts = _texts(message["blocks"])
    assert "테스트 알림" in message["blocks"][0]["text"]["text"]
    assert "*지표*" in texts and "*호스트 / 대상*" in texts and "콘솔에서 보기" in texts
    assert "이 채널은 정상 동작합니다." in texts


def test_send_test_through_the_api(staff_client, receiver, django_capture_on_commit_callbacks):
    channel = slack_channel(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/api/v1/monitoring/channels/{channel.pk}/test/")
    assert response.status_code == 202, response.content
    assert len(receiver.requests) == 1  # the send task runs on commit
    assert receiver.json()["blocks"][0]["text"]["text"].startswith("🔔 Test notification")
    deliveries = staff_client.get(f"/api/v1/monitoring/channels/{channel.pk}/deliveries/").json()["results"]
    assert deliveries[0]["status"] == "delivered"


def test_500_is_retried_and_every_try_is_logged(receiver):
    receiver.script = [500, 500, 200]
    delivery = delivery_attempt(delivery=channel_send_test(channel=slack_channel(receiver.url)))
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("retrying", 1, "HTTP 500")
    delivery = delivery_attempt(delivery=delivery, now=delivery.next_attempt_at)
    delivery = delivery_attempt(delivery=delivery, now=delivery.next_attempt_at)
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    log = list(delivery.attempt_log.values_list("number", "ok", "status_code", "error"))
    assert log == [(1, False, 500, "HTTP 500"), (2, False, 500, "HTTP 500"), (3, True, 200, "")]
    assert len({request["body"] for request in receiver.requests}) == 1  # the same message each time


def test_creating_a_slack_channel_checks_the_url_shape(staff_client, fake_dns):
    fake_dns({"hooks.slack.com": ["34.0.0.10"], "evil.example.com": ["34.0.0.11"]})
    for url in ("http://hooks.slack.com/services/T1/B2/abc", "https://evil.example.com/services/T1/B2/abc",
                "https://hooks.slack.com/other/path"):  # fmt: skip
        response = staff_client.post("/api/v1/monitoring/channels/", {"name": "s", "kind": "slack", "url": url})
        assert response.status_code == 400, (url, response.content)
        assert "url" in response.json()["error"]["details"]
    response = staff_client.post(
        "/api/v1/monitoring/channels/",
        {"name": "s", "kind": "slack", "url": "https://hooks.slack.com/services/T0AB/B0CD/xYz123", "locale": "ko"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "slack"
    assert NotificationChannel.objects.get().kind == "slack"


def test_a_slack_url_resolving_to_a_private_address_is_refused(staff_client, fake_dns):
    fake_dns({"hooks.slack.com": ["10.0.0.5"]})
    response = staff_client.post(
        "/api/v1/monitoring/channels/",
        {"name": "s", "kind": "slack", "url": "https://hooks.slack.com/services/T0AB/B0CD/xYz123"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "webhook_url_refused"
    assert NotificationChannel.objects.count() == 0


def test_rebinding_to_the_metadata_address_is_refused_at_send(fake_dns):
    fake_dns({"hooks.slack.com": ["169.254.169.254"]})
    channel = slack_channel("https://hooks.slack.com/services/T0AB/B0CD/xYz123")
    delivery = delivery_attempt(delivery=channel_send_test(channel=channel))
    assert delivery.status == "retrying"
    assert delivery.last_error.startswith("refused:") and "metadata" in delivery.last_error
    assert delivery.attempt_log.get().ok is False


def test_a_rule_name_cannot_inject_slack_markup(receiver):
    from apps.monitoring.slack import message
    from apps.monitoring.templating import sample_context

    context = sample_context()
    context["rule"]["name"] = "<https://evil.example|click> & co"
    built = message(context=context, event_type="alert.firing", locale="en", subject="s")
    assert built["blocks"][1]["text"]["text"] == "*&lt;https://evil.example|click&gt; &amp; co*"
