"""Every operation of the app's own OpenAPI schema × every kind of caller, with the expected
status computed by the harness (authz.py) from the role table
(`apps.projects.permissions.ROLE_ACTIONS`) and the rule each route declares in routes.py;
then the second project's ids substituted (BOLA), and the business rules routes.py states as
data (body variants, foreign ids in bodies). A refused call must leave every table exactly
as it was."""

import dataclasses

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.projects.permissions import ROLE_ACTIONS, can

from .authz import ACTORS, PREFIX, ROLES, WITHOUT_ACCOUNT, build_request, call_and_check, expected_status
from .routes import NOT_MINE, PLAIN_ROUTES, ROUTES, VARIANTS

pytestmark = pytest.mark.django_db

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OPERATIONS = {
    f"{method.upper()} {path.removeprefix(PREFIX)}": operation
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
}
# Every operation, then every variant of one: name -> (operation key, its rule or None).
CASES = {key: (key, ROUTES.get(key)) for key in sorted(OPERATIONS)} | {
    name: (key, rule) for name, (key, rule) in VARIANTS.items()
}


def success_status(rule, operation: dict) -> int:
    return rule.ok or min(int(code) for code in operation["responses"] if code.startswith("2"))


def _split(key: str) -> tuple[str, str]:
    method, path = key.split(" ", 1)
    return method, path


@pytest.fixture(autouse=True)
def _no_backups_for_real(monkeypatch):
    """POST monitoring/backups/ queues a pg_dump; the matrix only cares who may ask."""
    from apps.monitoring import tasks

    monkeypatch.setattr(tasks.backup_database, "delay", lambda *args, **kwargs: None)


# --- the table is complete ---------------------------------------------------------------------


def test_every_schema_operation_has_a_rule():
    missing = sorted(set(OPERATIONS) - set(ROUTES))
    assert not missing, f"operations without a rule in tests/quality/routes.py: {missing}"
    stale = sorted(key for key, rule in ROUTES.items() if key not in OPERATIONS and not rule.pending)
    assert not stale, f"rules for operations that are not in the schema: {stale}"
    assert {key for key, _ in VARIANTS.values()} <= set(OPERATIONS), "a variant of an operation that does not exist"


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


# --- the role table itself (apps/projects/tests pins it to DESIGN §3) ---------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", sorted(set().union(*ROLE_ACTIONS.values())))
def test_can_follows_the_role_table(world, action, actor):
    """`can` (which views, consumers and tasks use) says what the table says."""
    user = None if actor in WITHOUT_ACCOUNT else world.users[actor]
    assert can(user, action, world.a.project) is (actor in ROLES and action in ROLE_ACTIONS[actor])
    assert can(user, action, world.b.project) is False  # nobody here is in project B


# --- every operation × every caller ---------------------------------------------------------


def _rule_of(name: str):
    key, rule = CASES[name]
    if rule is None:
        pytest.fail(f"{key} has no rule in tests/quality/routes.py")
    return key, rule


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", CASES)
def test_every_caller_gets_what_the_rules_say(world, name, actor):
    key, rule = _rule_of(name)
    method, path = _split(key)
    expected = expected_status(rule, actor, success_status(rule, OPERATIONS[key]))
    problem = call_and_check(world, rule, method, path, actor, world.a, expected)
    assert problem is None, f"{name} as {actor}: {problem}"


PROJECT_CASES = [name for name, (_, rule) in CASES.items() if getattr(rule, "kind", None) == "project"]


@pytest.mark.parametrize("name", PROJECT_CASES)
def test_the_other_projects_ids_are_not_found(world, name):
    """BOLA: members of the first project, every id from the second project."""
    key, rule = _rule_of(name)
    method, path = _split(key)
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
    assert not failures, f"{name}\n" + "\n".join(failures)


@pytest.mark.parametrize(("name", "actor"), [(name, actor) for name, case in NOT_MINE.items() for actor in case.actors])
def test_ids_beyond_the_callers_reach_are_refused(world, name, actor):
    """Ids the URL's project does not hold, in the body or as a number that is not there."""
    case = NOT_MINE[name]
    method, path = _split(case.operation)
    rule = ROUTES[case.operation]
    if case.body:
        rule = dataclasses.replace(rule, body=case.body)
    ids = case.ids(world) if case.ids else None
    problem = call_and_check(world, rule, method, path, actor, world.a, case.status, ids=ids)
    assert problem is None, f"{name} as {actor}: {problem}"
    if case.details:
        response = build_request(world, rule, method, path, actor, world.a, ids=ids)()
        assert case.details <= set(response.json()["error"]["details"]), response.content[:300]


@pytest.mark.parametrize("key", [*sorted(PLAIN_ROUTES), "POST monitoring/events/"])
def test_analytics_ingestion_is_public(world, key):
    """Anyone may send events for a site from one of its origins; no token is involved."""
    import json
    import time

    from apps.monitoring.tests.factories import SiteFactory

    method, path = _split(key)
    site = SiteFactory(allowed_origins=["https://shop.example.com"])
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
