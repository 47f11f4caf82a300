"""Slack as a notification channel: an incoming-webhook message (Block Kit) built from the
alert context in the channel's language, and the shape of the URL Slack hands out.

A message: a header (state and severity), the rule's name, fields for metric, value,
threshold, host/target and time, and a button to the alert in the console; `text` holds
the rendered subject (Slack's notification and fallback text). It is built when the
delivery is created and stored as its payload: the delivery log shows what was sent."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

# https://hooks.slack.com/services/T…/B…/secret — what Slack's "Incoming Webhooks" gives.
URL_SHAPE = re.compile(r"^https://hooks\.slack\.com/services/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/?$")

LABELS = {
    "en": {
        "alert.firing": "Firing",
        "alert.renotify": "Still firing",
        "alert.resolved": "Resolved",
        "channel.test": "Test notification",
        "metric": "Metric",
        "value": "Value",
        "threshold": "Threshold",
        "target": "Host / target",
        "time": "Time",
        "open": "Open in console",
        "test_text": "This channel works.",
    },
    "ko": {
        "alert.firing": "경보 발생",
        "alert.renotify": "경보 계속",
        "alert.resolved": "해결",
        "channel.test": "테스트 알림",
        "metric": "지표",
        "value": "값",
        "threshold": "기준",
        "target": "호스트 / 대상",
        "time": "시각",
        "open": "콘솔에서 보기",
        "test_text": "이 채널은 정상 동작합니다.",
    },
}
EMOJI = {"alert.firing": "🔴", "alert.renotify": "🟠", "alert.resolved": "✅", "channel.test": "🔔"}


def url_validate(url: str) -> None:
    """A Slack channel's URL must be a Slack incoming webhook (https, hooks.slack.com). With
    MONITORING_WEBHOOK_ALLOW_PRIVATE on (tests, a local relay) any http(s) URL passes here;
    the SSRF guard still checks it at save and send."""
    if settings.MONITORING_WEBHOOK_ALLOW_PRIVATE:
        return
    if not URL_SHAPE.match(url or ""):
        raise ValidationError({"url": ["Use the Slack incoming-webhook URL (https://hooks.slack.com/services/…)."]})


def _escape(text) -> str:
    """Slack mrkdwn control characters (&, <, >) escaped: a rule name cannot inject a link."""
    return str(text if text is not None else "—").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message(*, context: dict, event_type: str, locale: str, subject: str) -> dict:
    """The incoming-webhook JSON for one notification."""
    words = LABELS.get(locale, LABELS["en"])
    alert, rule, target = context.get("alert", {}), context.get("rule", {}), context.get("target", {})
    state = words.get(event_type, event_type)
    severity = str(alert.get("severity") or rule.get("severity") or "").upper()
    header = f"{EMOJI.get(event_type, '')} {state}" + (f" · {severity}" if severity else "")
    when = alert.get("resolved_at") if event_type == "alert.resolved" else alert.get("started_at")
    fields = [
        (words["metric"], f"`{_escape(rule.get('metric'))}`"),
        (words["value"], _escape(alert.get("value"))),
        (words["threshold"], _escape(f"{rule.get('operator', '')} {rule.get('threshold', '')}".strip())),
        (words["target"], _escape(target.get("name") or (context.get("host") or {}).get("name"))),
        (words["time"], _escape(when)),
    ]
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": _clip(header.strip(), 150), "emoji": True}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": _clip(f"*{_escape(rule.get('name'))}*", 3000)},
            "fields": [{"type": "mrkdwn", "text": _clip(f"*{label}*\n{value}", 2000)} for label, value in fields],
        },
    ]
    if event_type == "channel.test":
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": words["test_text"]}]})
    url = alert.get("url")
    if url:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": words["open"]}, "url": _clip(url, 3000)}
                ],
            }
        )
    return {"text": _clip(subject, 3000), "blocks": blocks}
