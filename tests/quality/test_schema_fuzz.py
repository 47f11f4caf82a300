"""Schema fuzzing: schemathesis generates requests from the app's own OpenAPI document and
sends them in-process (WSGI) as the first project's owner (staff for monitoring) with real
ids; every response must be no server error and match what the schema documents — status
code, content type, headers and body. A third pass puts text no database can store (NUL,
other control characters, lone surrogates) into one string of valid input. Bounded and
deterministic: a few examples per operation, derandomized, each in a savepoint rolled back
so every example sees the same world."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.users.services import token_pair_for

from .routes import ROUTES, default_ids

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MAX_EXAMPLES = 6
PREFIX = "/api/v1/"
RAW = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
SCHEMA = schemathesis.openapi.from_dict(RAW)
OPERATIONS = sorted((method.upper(), path) for path, methods in RAW["paths"].items() for method in methods)
# apps.core.text's characters. A URL cannot carry a lone surrogate (Django decodes it with
# replacement characters) and neither can a multipart part: those get the controls only.
CONTROLS = [chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def wsgi_app():
    """The real WSGI handler, minus the per-request connection recycling that would close
    the test's transaction (Django's own test client disconnects it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _string_slots(value, path=()):
    """Where a JSON-like value holds strings: `(container, key, "value" | "key")` for each
    string item and each dict key, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield value, key, "key"
            if isinstance(item, str):
                yield value, key, "value"
            else:
                yield from _string_slots(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield value, index, "value"
            else:
                yield from _string_slots(item)


def _poison(case, data) -> None:
    """Puts one character no database can store into one string of `case`: a body field or
    key, a query or a path parameter (Hypothesis picks which, which character and where)."""
    json_body = (case.media_type or "").endswith("json")
    slots = [
        (case.query, key, "value", CONTROLS) for key, value in (case.query or {}).items() if isinstance(value, str)
    ]
    slots += [(case.path_parameters, key, "value", CONTROLS) for key in case.path_parameters or {}]
    if isinstance(case.body, dict | list):
        alphabet = CONTROLS + SURROGATES if json_body else CONTROLS
        slots += [(*slot, alphabet) for slot in _string_slots(case.body)]
    assume(slots)
    container, key, part, alphabet = data.draw(st.sampled_from(slots), label="where")
    text = key if part == "key" else container[key]
    at = data.draw(st.integers(0, len(text)), label="at")
    poisoned = text[:at] + data.draw(st.sampled_from(alphabet), label="character") + text[at:]
    if part == "key":
        container[poisoned] = container.pop(key)
    else:
        container[key] = poisoned


def _fuzz(world, wsgi_app, op, mode: GenerationMode, checks: list, poison: bool = False) -> None:
    method, path = op
    short = path.removeprefix(PREFIX)
    rule = ROUTES.get(f"{method} {short}")
    if rule is None:
        pytest.fail(f"{method} {short} has no rule in tests/quality/routes.py")
    actor = "staff" if rule.kind == "staff" else "owner"
    ids = default_ids(world, world.a, short, actor)
    if rule.params:
        ids.update(rule.params(world, actor, world.a))  # own uploads, a digest … built once
    ids = {name: str(value) for name, value in ids.items()}
    headers = {"Authorization": f"Bearer {token_pair_for(world.users[actor])['access']}"}
    operation = SCHEMA[path][method]
    operation.schema.app = wsgi_app
    strategy = operation.as_strategy(mode, path_parameters=ids or None)

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=strategy, data=st.data())
    def fuzz(case, data):
        # Hypothesis reports the smallest failing example with a curl line to reproduce it.
        if poison:
            _poison(case, data)
        with transaction.atomic():
            response = case.call(headers=headers, app=wsgi_app)
            transaction.set_rollback(True)
        case.validate_response(response, checks=checks, headers=headers)
        if response.status_code >= 400:
            error = response.json()["error"]
            assert set(error) == {"code", "message", "details", "request_id"}, response.text[:500]

    try:
        fuzz()
    except Unsatisfiable:
        pytest.skip(f"{method} {short}: no {'string' if poison else mode.value} input exists (only fixed ids)")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op[0]} {op[1].removeprefix(PREFIX)}")
def test_fuzzed_requests_get_documented_answers(world, wsgi_app, op):
    """Valid input: every answer is what the schema documents."""
    _fuzz(world, wsgi_app, op, GenerationMode.POSITIVE, CHECKS)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op[0]} {op[1].removeprefix(PREFIX)}")
def test_invalid_requests_are_refused_with_the_envelope(world, wsgi_app, op):
    """Invalid input (wrong types, missing fields, out-of-range values): never a 5xx, and
    every refusal is the error envelope."""
    _fuzz(world, wsgi_app, op, GenerationMode.NEGATIVE, [not_a_server_error])


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op[0]} {op[1].removeprefix(PREFIX)}")
def test_unstorable_text_in_any_string_is_never_a_server_error(world, wsgi_app, op):
    """Valid input with NUL, another control character or a lone surrogate put into one of its
    strings (body field or key, query or path parameter): refused or harmless, never a 5xx
    (PostgreSQL refuses NUL, and no database can encode a lone surrogate)."""
    _fuzz(world, wsgi_app, op, GenerationMode.POSITIVE, [not_a_server_error], poison=True)
