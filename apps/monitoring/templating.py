"""Notification templates: Django template syntax in a bare engine (no loaders, no
{% load %} of app libraries, no {% include %} of files), validated on save.

Context every template gets (see README "Alert templates"):
  event        "alert.firing" | "alert.resolved" | "alert.renotify" | "channel.test"
  alert        {id, status, severity, value, labels, started_at, resolved_at, acknowledged, notes, url}
  rule         {id, name, metric, operator, threshold, for_seconds, severity, description}
  host         {id, name} (or empty when the target is not a host)
  target       {id, name} what the alert is about: the host, or e.g. the project of an AI cost rule
  silenced     whether the alert was muted when it fired
  frontend_url the web app's address
"""

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError

_ENGINE = Engine(dirs=[], app_dirs=False, libraries={}, autoescape=False, loaders=[])

DEFAULTS = {
    ("alert.firing", "en"): (
        "[{{ alert.severity|upper }}] {{ rule.name }} firing on {{ target.name }}",
        "{{ rule.metric }} is {{ alert.value }} ({{ rule.operator }} {{ rule.threshold }}) "
        "on {{ target.name }} since {{ alert.started_at }}.\n{{ alert.url }}",
    ),
    ("alert.firing", "ko"): (
        "[{{ alert.severity|upper }}] {{ target.name }}: {{ rule.name }} 경보 발생",
        "{{ target.name }}의 {{ rule.metric }} 값이 {{ alert.value }}입니다 "
        "(기준 {{ rule.operator }} {{ rule.threshold }}). 시작: {{ alert.started_at }}\n"
        "{{ alert.url }}",
    ),
    ("alert.renotify", "en"): (
        "[{{ alert.severity|upper }}] still firing: {{ rule.name }} on {{ target.name }}",
        "{{ rule.metric }} is {{ alert.value }} on {{ target.name }}, firing since "
        "{{ alert.started_at }}.\n{{ alert.url }}",
    ),
    ("alert.renotify", "ko"): (
        "[{{ alert.severity|upper }}] 경보 계속: {{ target.name }}: {{ rule.name }}",
        "{{ target.name }}의 {{ rule.metric }} 값이 {{ alert.value }}입니다. "
        "{{ alert.started_at }}부터 계속 발생 중입니다.\n{{ alert.url }}",
    ),
    ("alert.resolved", "en"): (
        "[RESOLVED] {{ rule.name }} on {{ target.name }}",
        "{{ rule.metric }} is back to {{ alert.value }} on {{ target.name }} "
        "(resolved at {{ alert.resolved_at }}).\n{{ alert.url }}",
    ),
    ("alert.resolved", "ko"): (
        "[해결] {{ target.name }}: {{ rule.name }}",
        "{{ target.name }}의 {{ rule.metric }} 값이 {{ alert.value }}(으)로 돌아왔습니다 "
        "(해결 {{ alert.resolved_at }}).\n{{ alert.url }}",
    ),
    ("channel.test", "en"): ("VideoPlanet test notification", "This channel works."),
    ("channel.test", "ko"): ("VideoPlanet 테스트 알림", "이 채널은 정상 동작합니다."),
}


def template_validate(source: str) -> str | None:
    try:
        _ENGINE.from_string(source)
    except TemplateSyntaxError as exc:
        return f"Template syntax error: {exc}"
    return None


def render(source: str, context: dict) -> str:
    return _ENGINE.from_string(source).render(Context(context, autoescape=False))


def template_pick(*, name: str, event_type: str, locale: str) -> tuple[str, str]:
    from .models import NotificationTemplate

    for wanted_name in dict.fromkeys([name or "default", "default"]):
        found = NotificationTemplate.objects.filter(name=wanted_name, event_type=event_type, locale=locale).first()
        if found:
            return found.subject, found.body
    locale = locale if (event_type, locale) in DEFAULTS else "en"
    return DEFAULTS[(event_type, locale)]


def sample_context(event_type: str = "alert.firing") -> dict:
    return {
        "event": event_type,
        "alert": {
            "id": "00000000-0000-0000-0000-000000000000",
            "status": "firing",
            "severity": "critical",
            "value": 97.5,
            "labels": "",
            "started_at": "2026-01-01T09:00:00+00:00",
            "resolved_at": None,
            "acknowledged": False,
            "notes": "",
            "url": f"{settings.FRONTEND_URL}/monitoring/alerts",
        },
        "rule": {
            "id": "00000000-0000-0000-0000-000000000001",
            "name": "CPU high",
            "metric": "cpu.percent",
            "operator": ">",
            "threshold": 90.0,
            "for_seconds": 300,
            "severity": "critical",
            "description": "",
        },
        "host": {"id": "00000000-0000-0000-0000-000000000002", "name": "web-1"},
        "target": {"id": "00000000-0000-0000-0000-000000000002", "name": "web-1"},
        "silenced": False,
        "frontend_url": settings.FRONTEND_URL,
    }
