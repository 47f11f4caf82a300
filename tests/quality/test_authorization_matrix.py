"""Every operation of the app's own OpenAPI schema × every kind of caller, with the expected
status computed from the role table (`apps.projects.permissions.ROLE_ACTIONS`) and the rule
each route declares in routes.py; then the second project's ids substituted (BOLA).
A refused call must leave every table exactly as it was."""

from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection, transaction
from drf_spectacular.generators import SchemaGenerator

from apps.projects.permissions import ROLE_ACTIONS

from .conftest import ACTORS, ROLES, Side, World
from .routes import PLAIN_ROUTES, ROUTES, Rule, default_ids

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1/"
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OPERATIONS = sorted(
    (method.upper(), path.removeprefix(PREFIX), operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
)
ERROR_CODES = {401: {"not_authenticated", "token_invalid"}, 404: {"not_found"}}

# Rows a refused request may legitimately write: the audit trail and task bookkeeping.
UNWATCHED = {"core.AuditLog", "monitoring.TaskRun"}
WATCHED_APPS = {"core", "users", "projects", "feedbacks", "ai_planning", "monitoring", "token_blacklist"}


def _op_id(op) -> str:
    return f"{op[0]} {op[1]}"


def _watched_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS and model._meta.label not in UNWATCHED
    )


def fingerprint() -> dict[str, str]:
    """Every row of every table the app writes, digested: a refused call must not move it.
    One round trip on PostgreSQL; row by row elsewhere."""
    tables = _watched_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
                    for table in tables
                )
            )
            return dict(cursor.fetchall())
        digests = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")
            digests[table] = repr(sorted(map(repr, cursor.fetchall())))
        return digests


def _changed(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def success_status(rule: Rule, operation: dict) -> int:
    return rule.ok or min(int(code) for code in operation["responses"] if code.startswith("2"))


def expected_status(rule: Rule, actor: str, operation: dict) -> int:
    ok = success_status(rule, operation)
    if rule.kind == "public":
        return ok
    if rule.kind == "custom":
        found = rule.expect(actor)
        return ok if found == 200 else found
    if actor in ("anonymous", "guest"):
        return 401
    if rule.kind == "user":
        return ok
    if rule.kind == "staff":
        return ok if actor == "staff" else 403
    assert rule.kind == "project", rule
    if actor in ("non_member", "staff"):
        return 404  # never leak that the project exists
    return ok if rule.action in ROLE_ACTIONS[actor] else 403


def build_request(world: World, rule: Rule, method: str, path: str, actor: str, side: Side, *, ids=None):
    """Creates what the call needs (an own comment, an upload with its part) and returns the
    request, so that the database can be compared around the request alone."""
    values = default_ids(world, side, path, actor)
    if rule.params:
        values.update(rule.params(world, actor, side))
    values.update(ids or {})
    url = PREFIX + path
    for name, value in values.items():
        url = url.replace("{" + name + "}", quote(str(value)))
    assert "{" not in url, f"no id for {url}: teach default_ids or give the route `params`"
    if rule.query:
        url += rule.query(world, actor, side)
    body = rule.body(world, actor, side) if rule.body else None
    if actor == "guest" and rule.kind == "public":
        # The token in the URL (share link, invitation, signed part) is the credential; a
        # guest sends no other.
        client = world.client("anonymous")
    else:
        client = world.client(actor)
    headers = rule.headers or {}
    if rule.form == "raw":
        return lambda: client.generic(method, url, body, content_type="application/octet-stream", **headers)
    return lambda: getattr(client, method.lower())(url, body, format=rule.form, **headers)


def check(response, expected: int) -> str | None:
    if response.status_code != expected:
        return f"{response.status_code} (expected {expected}): {response.content[:300]!r}"
    if expected >= 400:
        error = response.json().get("error") or {}
        if not {"code", "message", "details", "request_id"} <= set(error):
            return f"{expected} without the error envelope: {response.content[:300]!r}"
        if expected in ERROR_CODES and error["code"] not in ERROR_CODES[expected]:
            return f"{expected} with code {error['code']!r}"
    return None


def call_and_check(world, rule, method, path, actor, side, expected, *, ids=None) -> str | None:
    with transaction.atomic():
        request = build_request(world, rule, method, path, actor, side, ids=ids)
        # A refused read has nothing to change; every refused write is checked.
        before = fingerprint() if expected >= 400 and method != "GET" else None
        problem = check(request(), expected)
        if problem is None and before is not None:
            changed = _changed(before, fingerprint())
            if changed:
                problem = f"refused with {expected} but changed {changed}"
        transaction.set_rollback(True)  # every caller starts from the same world
    return problem


@pytest.fixture(autouse=True)
def _no_backups_for_real(monkeypatch):
    """POST monitoring/backups/ queues a pg_dump; the matrix only cares who may ask."""
    from apps.monitoring import tasks

    monkeypatch.setattr(tasks.backup_database, "delay", lambda *args, **kwargs: None)


# --- the table is complete ---------------------------------------------------------------------


def test_every_schema_operation_has_a_rule():
    in_schema = {_op_id(op) for op in OPERATIONS}
    missing = sorted(in_schema - set(ROUTES))
    assert not missing, f"operations without a rule in tests/quality/routes.py: {missing}"
    stale = sorted(key for key, rule in ROUTES.items() if key not in in_schema and not rule.pending)
    assert not stale, f"rules for operations that are not in the schema: {stale}"


def test_every_url_route_is_in_the_schema():
    """A view left out of the schema would also be left out of the matrix."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    documented = {path.removeprefix(PREFIX) for path in SCHEMA["paths"]}
    hidden = []
    for route, _pattern in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or route.endswith(("schema/", "docs/")):
            continue
        normalised = route.removeprefix("api/v1/")
        for converter in ("uuid:", "str:", "int:", "slug:", "path:"):
            normalised = normalised.replace("<" + converter, "{")
        normalised = normalised.replace(">", "}").replace("{pk}", "{id}")
        if normalised not in documented and not any(key.endswith(" " + normalised) for key in PLAIN_ROUTES):
            hidden.append(normalised)
    assert not hidden, f"API routes missing from the OpenAPI schema: {hidden}"


# --- every operation × every caller ---------------------------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=_op_id)
def test_every_caller_gets_what_the_rules_say(world, op):
    method, path, operation = op
    rule = ROUTES.get(f"{method} {path}")
    if rule is None:
        pytest.fail(f"{method} {path} has no rule in tests/quality/routes.py")
    failures = []
    for actor in ACTORS:
        expected = expected_status(rule, actor, operation)
        problem = call_and_check(world, rule, method, path, actor, world.a, expected)
        if problem:
            failures.append(f"{actor}: {problem}")
    assert not failures, f"{method} {path}\n" + "\n".join(failures)


PROJECT_OPERATIONS = [op for op in OPERATIONS if getattr(ROUTES.get(_op_id(op)), "kind", None) == "project"]


@pytest.mark.parametrize("op", PROJECT_OPERATIONS, ids=_op_id)
def test_the_other_projects_ids_are_not_found(world, op):
    """BOLA: the first project's owner and manager, every id from the second project."""
    method, path, operation = op
    rule = ROUTES[_op_id(op)]
    failures = []
    for actor in ("owner", "manager", "editor"):
        problem = call_and_check(world, rule, method, path, actor, world.b, 404)
        if problem:
            failures.append(f"{actor}: {problem}")
    # Mixed: the first project in the URL, the second project's object after it.
    if path.startswith("projects/{project_id}/") and path.count("{") > 1:
        mixed = {"project_id": world.a.project.pk}
        problem = call_and_check(world, rule, method, path, "owner", world.b, 404, ids=mixed)
        if problem:
            failures.append(f"mixed ids: {problem}")
    assert not failures, f"{method} {path}\n" + "\n".join(failures)


@pytest.mark.parametrize("key", [*sorted(PLAIN_ROUTES), "POST monitoring/events/"])
def test_analytics_ingestion_is_public(world, key):
    """Anyone may send events for a site from one of its origins; no token is involved."""
    import json
    import time

    from apps.monitoring.analytics.models import Site

    method, path = key.split(" ", 1)
    site = Site.objects.create(name="Shop", allowed_origins=["https://shop.example.com"])
    batch = {
        "site": site.public_key,
        "vid": "visitor-123456",
        "events": [{"type": "page_view", "ts": int(time.time() * 1000), "sid": "session-123456", "path": "/"}],
    }
    for actor in ACTORS:
        client = world.client("anonymous" if actor == "guest" else actor)
        response = client.generic(
            method, PREFIX + path, json.dumps(batch), content_type="text/plain", HTTP_ORIGIN="https://shop.example.com"
        )
        assert response.status_code == 202, (actor, response.content[:300])
        assert response.json()["accepted"] == 1, (actor, response.content[:300])
    refused = world.client("owner").generic(
        method, PREFIX + path, json.dumps(batch), content_type="text/plain", HTTP_ORIGIN="https://evil.example.com"
    )
    assert refused.status_code == 403


def test_notifications_of_someone_else_are_not_found(world):
    rule = ROUTES["POST notifications/{id}/read/"]
    others = world.user_of("owner").notifications.values_list("pk", flat=True).first()
    for actor in [role for role in ROLES if role != "owner"] + ["staff", "non_member"]:
        path = "notifications/{id}/read/"
        problem = call_and_check(world, rule, "POST", path, actor, world.a, 404, ids={"id": others})
        assert problem is None, f"{actor}: {problem}"
