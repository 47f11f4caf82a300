"""The authorization harness: who calls (roles, actors), what each kind of rule lets them do,
and how a refusal must look. The REST matrix (test_authorization_matrix.py) and the
WebSocket matrix (test_ws_authorization.py) both take their expectations from here, and
here they come from the server's role table (`apps.projects.permissions.ROLE_ACTIONS`).

A route declares one rule (routes.py):

- `project(action)`: a role of the object's project whose ROLE_ACTIONS include `action`
  (anonymous / guest 401, outsider and staff 404, a role without it 403);
- `staff()`: staff (monitoring) — anonymous / guest 401, everyone else 403;
- `user()`: any signed-in account; anonymous / guest 401;
- `public()`: anyone (the token in the URL, or nothing, is the credential);
- `custom(expect)`: stated per actor.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.db import connection, transaction

from apps.projects.permissions import ROLE_ACTIONS

ROLES: tuple[str, ...] = tuple(str(role) for role in ROLE_ACTIONS)
# Every kind of caller: the five roles of project A, an outsider, nobody, a share-link
# holder, and a staff operator who belongs to no project.
ACTORS: tuple[str, ...] = (*ROLES, "non_member", "anonymous", "guest", "staff")
WITHOUT_ACCOUNT = ("anonymous", "guest")


@dataclass(frozen=True)
class Rule:
    kind: str  # project | staff | user | public | custom
    action: str | None = None
    ok: int | None = None  # success status; default: the lowest 2xx the schema documents
    body: Callable | None = None  # (world, actor, side) -> body
    query: Callable | None = None  # (world, actor, side) -> "?…"
    params: Callable | None = None  # (world, actor, side) -> path ids beyond the defaults
    expect: Callable[[str], int] | None = None  # custom: actor -> status (200 stands for `ok`)
    denied: str = "permission_denied"  # the error code of a 403
    form: str = "json"  # json | multipart | raw
    headers: dict[str, str] | None = None  # extra request headers (WSGI names: HTTP_ORIGIN …)
    pending: bool = False  # announced in DESIGN, not in the schema yet


def project(action: str, **kw) -> Rule:
    return Rule("project", action=action, **kw)


def staff(**kw) -> Rule:
    return Rule("staff", **kw)


def user(**kw) -> Rule:
    return Rule("user", **kw)


def public(**kw) -> Rule:
    return Rule("public", **kw)


def custom(expect: Callable[[str], int], **kw) -> Rule:
    return Rule("custom", expect=expect, **kw)


# --- what each caller gets --------------------------------------------------------------------


def expected_status(rule: Rule, actor: str, ok: int = 200) -> int:
    """The status `actor` gets from a route guarded by `rule`; `ok` is its success status."""
    if rule.kind == "public":
        return ok
    if rule.kind == "custom":
        found = rule.expect(actor)
        return ok if found == 200 else found
    if actor in WITHOUT_ACCOUNT:
        return 401
    if rule.kind == "user":
        return ok
    if rule.kind == "staff":
        return ok if actor == "staff" else 403
    assert rule.kind == "project", rule
    if actor in ("non_member", "staff"):
        return 404  # never leak that the project exists
    return ok if rule.action in ROLE_ACTIONS[actor] else 403


def expected_error_code(rule: Rule, actor: str, status: int) -> str | None:
    """The envelope's code for a refusal (None: any code, for statuses the rule does not own)."""
    if status == 401:
        # A share token sent as a bearer token is no JWT: the guest's credential is invalid.
        return "token_invalid" if actor == "guest" else "not_authenticated"
    if status == 403:
        return rule.denied
    if status == 404:
        return "not_found"
    return None


# DESIGN §5: the close codes of a refused WebSocket, in the same vocabulary as HTTP.
HELLO = "hello"
CLOSE_CODES = {401: 4401, 403: 4403, 404: 4404}


def expected_ws(rule: Rule, actor: str) -> str | int:
    """`hello` for whoever may follow the stream, otherwise the close code."""
    status = expected_status(rule, actor)
    return HELLO if status < 400 else CLOSE_CODES[status]


def check(response, rule: Rule, actor: str, expected: int) -> str | None:
    """None when the response is what the rule says, otherwise what is wrong with it."""
    if response.status_code != expected:
        return f"{response.status_code} (expected {expected}): {response.content[:300]!r}"
    if expected >= 400:
        error = response.json().get("error") or {}
        if not {"code", "message", "details", "request_id"} <= set(error):
            return f"{expected} without the error envelope: {response.content[:300]!r}"
        code = expected_error_code(rule, actor, expected)
        if code is not None and error["code"] != code:
            return f"{expected} with code {error['code']!r} (expected {code!r})"
    return None


# --- a refusal changes nothing ----------------------------------------------------------------

# Rows a refused request may legitimately write: the audit trail and task bookkeeping.
UNWATCHED = {"core.AuditLog", "monitoring.TaskRun"}
WATCHED_APPS = {"core", "users", "projects", "feedbacks", "ai_planning", "monitoring", "token_blacklist"}


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


def changed(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


# --- one call -------------------------------------------------------------------------------

PREFIX = "/api/v1/"


def build_request(world, rule: Rule, method: str, path: str, actor: str, side, *, ids=None):
    """Creates what the call needs (an own comment, an upload with its part) and returns the
    request, so that the database can be compared around the request alone."""
    from .routes import default_ids  # the table of routes builds on this module

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
    # The token in the URL (share link, invitation, signed part) is a public route's
    # credential; a guest sends no other.
    client = world.client("anonymous" if actor == "guest" and rule.kind == "public" else actor)
    headers = rule.headers or {}
    if rule.form == "raw":
        return lambda: client.generic(method, url, body, content_type="application/octet-stream", **headers)
    return lambda: getattr(client, method.lower())(url, body, format=rule.form, **headers)


def forget_revocations() -> None:
    """Token revocations live in Redis, outside the rolled-back transaction: a logout or a
    password change by one caller must not sign the next caller's (cached) token out."""
    from django_redis import get_redis_connection

    redis = get_redis_connection("default")
    keys = list(redis.scan_iter("vp:auth:*"))
    if keys:
        redis.delete(*keys)


def call_and_check(world, rule: Rule, method: str, path: str, actor: str, side, expected: int, *, ids=None):
    """Calls the route as `actor` with `side`'s ids inside a rolled-back transaction (every
    caller starts from the same world); None when it answered `expected` and, if refused,
    changed nothing."""
    with transaction.atomic():
        request = build_request(world, rule, method, path, actor, side, ids=ids)
        # A refused read has nothing to change; every refused write is checked.
        before = fingerprint() if expected >= 400 and method != "GET" else None
        problem = check(request(), rule, actor, expected)
        if problem is None and before is not None:
            moved = changed(before, fingerprint())
            if moved:
                problem = f"refused with {expected} but changed {moved}"
        transaction.set_rollback(True)
    forget_revocations()
    return problem
