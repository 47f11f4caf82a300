"""Notification templates: Django template syntax in a bare engine that knows only the tags
and filters below — no loader tags (`include`, `extends`, `block`), no `load`, no loops, no
`url`, `debug` or `lorem` — checked on save and at preview. Rendering never raises anything
but `TemplateRenderError` (a stored template that still fails is replaced by the built-in
one when an alert is sent).

Context every template gets (see README "Alert templates"):
  event        "alert.firing" | "alert.resolved" | "alert.renotify" | "channel.test"
  alert        {id, status, severity, value, labels, started_at, resolved_at, acknowledged, notes, url}
  rule         {id, name, metric, operator, threshold, for_seconds, severity, description}
  host         {id, name} (or empty when the target is not a host)
  target       {id, name} what the alert is about: the host, or e.g. the project of an AI cost rule
  silenced     whether the alert was muted when it fired
  frontend_url the web app's address
"""

import re

from django.conf import settings
from django.template import Context, Engine, Library, TemplateSyntaxError, defaultfilters, defaulttags
from django.template.base import Lexer, TokenType
from django.utils.translation import get_language

# Tags a template may use, and the ones that only close or divide them. Loops are left out:
# the context holds no lists, and nested loops over a string's characters multiply.
ALLOWED_TAGS = (
    "if", "with", "firstof", "comment", "spaceless", "verbatim", "templatetag", "now", "autoescape", "filter",
)  # fmt: skip
_INNER_TAGS = (
    "elif", "else", "endif", "endwith", "endcomment", "endspaceless", "endverbatim", "endautoescape", "endfilter",
)  # fmt: skip
# Filters that cannot raise or blow up the output (`center`, `ljust`, `stringformat` pad to
# any width; `wordwrap:0` raises); `floatformat` is kept, with its precision capped.
ALLOWED_FILTERS = (
    "add", "capfirst", "cut", "date", "default", "default_if_none", "first", "join", "last", "length",
    "linebreaksbr", "lower", "pluralize", "slice", "striptags", "time", "timesince", "timeuntil", "title",
    "truncatechars", "truncatewords", "upper", "urlencode", "yesno",
)  # fmt: skip
MAX_DECIMAL_PLACES = 20


class TemplateRenderError(Exception):
    """A template that passed the save check failed when rendered (or one stored before it)."""


def _floatformat(value, arg=-1):
    """Django's, with at most MAX_DECIMAL_PLACES places: `floatformat:1000000000` would build
    a gigabyte string."""
    places = re.sub(r"\D", "", str(arg))
    if places and int(places) > MAX_DECIMAL_PLACES:
        raise ValueError(f"floatformat takes at most {MAX_DECIMAL_PLACES} decimal places.")
    return defaultfilters.floatformat(value, arg)


_LIBRARY = Library()
for _tag in ALLOWED_TAGS:
    _LIBRARY.tag(_tag, defaulttags.register.tags[_tag])
for _filter in ALLOWED_FILTERS:
    _LIBRARY.filter(_filter, defaultfilters.register.filters[_filter])
_LIBRARY.filter("floatformat", _floatformat, is_safe=True)


class _BareEngine(Engine):
    def get_template_builtins(self, builtins):
        return [_LIBRARY]


_ENGINE = _BareEngine(dirs=[], app_dirs=False, libraries={}, autoescape=False, loaders=[])


def _say(ko: str, en: str) -> str:
    return en if (get_language() or "ko").startswith("en") else ko


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


def _refused_tag(source: str) -> str | None:
    for token in Lexer(source).tokenize():
        if token.token_type is TokenType.BLOCK and token.contents.split():
            tag = token.contents.split()[0]
            if tag not in ALLOWED_TAGS and tag not in _INNER_TAGS:
                return tag
    return None


def template_validate(source: str) -> str | None:
    """Why `source` may not be saved, or None. A tag outside ALLOWED_TAGS is named."""
    tag = _refused_tag(source)
    if tag is not None:
        allowed = ", ".join(ALLOWED_TAGS)
        return _say(
            f"알림 템플릿에서는 {{% {tag} %}} 태그를 쓸 수 없습니다. 쓸 수 있는 태그: {allowed}.",
            f"The tag {{% {tag} %}} is not allowed in notification templates. Allowed tags: {allowed}.",
        )
    try:
        _ENGINE.from_string(source)
    except TemplateSyntaxError as exc:
        return _say(f"템플릿 문법 오류: {exc}", f"Template syntax error: {exc}")
    return None


def render(source: str, context: dict) -> str:
    """`source` rendered with `context`; any failure is a TemplateRenderError."""
    try:
        return _ENGINE.from_string(source).render(Context(context, autoescape=False))
    except Exception as exc:  # noqa: BLE001 — whatever a template does wrong, the caller decides
        raise TemplateRenderError(
            _say(f"템플릿을 렌더링할 수 없습니다: {exc}", f"The template failed to render: {exc}")
        ) from exc


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
