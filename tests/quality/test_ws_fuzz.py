"""WebSocket fuzzing: hypothesis-generated query strings and frames against every route of
config/routing.py, through the real ASGI app and Redis layer.

Generated: random JSON, deep nesting, huge and non-finite numbers, Unicode digits, binary
frames, frames over 64 KB, every known client message (resume, ping, presence.update,
typing) with a value of any type in each field, and `?after=` / `?ticket=` / junk query
parameters, raw bytes included. The rule: no exception escapes the application (through
Daphne that is a 1011 and a traceback), every close code is one the protocol names and
Daphne can send, and the socket answers a final ping unless it was closed.
Bounded and deterministic (derandomized) so it runs in every `make test`."""

import json
import string
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from apps.core.ws.tickets import ticket_issue
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory
from apps.projects.tests.factories import ProjectFactory
from config.asgi import application
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("thread_db_closed"), pytest.mark.slow]

ORIGIN = (b"origin", b"http://localhost:3000")
MAX_EXAMPLES = 60  # per endpoint: a few seconds each
# Close codes a client may see: the protocol's own (DESIGN §5). Each is one Daphne can send.
PROTOCOL_CLOSES = {4009, 4401, 4403, 4404, 4408}
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    # No shrinking: a crash costs a receive timeout per attempt; the failing case is printed as drawn.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- what a client may send ----------------------------------------------------------------

UNICODE_DIGITS = ["²", "١٢", "٣", "𝟗", "①", "৪", "߁", "٠"]
HUGE_NUMBERS = ["1e999", "-1e999", "1" + "0" * 400, "9" * 4299, "9" * 4301, "-0", "1E400", "2.5e-400"]
FIELDS = {  # every known client message and its fields
    "resume": ["after"],
    "ping": [],
    "presence.update": ["playhead", "playing"],
    "typing": ["on"],
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**53, max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(UNICODE_DIGITS)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def dumps(value) -> str:
    return json.dumps(value, allow_nan=True)  # NaN/Infinity tokens are part of the attack


@st.composite
def known_messages(draw) -> str:
    kind = draw(st.sampled_from([*FIELDS, "dance", ""]))
    message = {"type": kind}
    for field in FIELDS.get(kind, []):
        if draw(st.booleans()):
            message[field] = draw(json_values)
    message.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)))
    return dumps(message)


@st.composite
def deep_nesting(draw) -> str:
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
    depth = draw(st.integers(min_value=100, max_value=60_000 // len(opener + closer)))  # under 64 KB
    tail = "0" if opener == '{"a":' else ""
    return '{"type": "resume", "after": ' + opener * depth + tail + closer * depth + "}"


@st.composite
def odd_numbers(draw) -> str:
    kind = draw(st.sampled_from(["resume", "presence.update", "typing"]))
    field = {"resume": "after", "presence.update": "playhead", "typing": "on"}[kind]
    number = draw(st.sampled_from([*HUGE_NUMBERS, "NaN", "Infinity", "-Infinity", *map(dumps, UNICODE_DIGITS)]))
    return f'{{"type": "{kind}", "{field}": {number}, "playing": true}}'


@st.composite
def oversized(draw) -> str | bytes:
    size = draw(st.integers(min_value=64 * 1024 + 1, max_value=70_000))
    return b"\x00" * size if draw(st.booleans()) else '{"type": "resume", "pad": "' + "x" * size + '"}'


def rarely(draw) -> bool:
    """True about one time in 20 (not on 0 or 19: hypothesis favours the bounds)."""
    return draw(st.integers(min_value=0, max_value=19)) == 7


in_size = st.one_of(
    json_values.map(dumps),
    known_messages(),
    deep_nesting(),
    odd_numbers(),
    st.binary(min_size=1, max_size=64),
    st.text(min_size=1, max_size=64),
)


@st.composite
def frames(draw) -> str | bytes:
    """Any frame; an oversized one ends the connection, so it is drawn rarely and the rest get to run."""
    return draw(oversized() if rarely(draw) else in_size)


def is_plain_ping(frame) -> bool:
    """The final ping's pong must be the only one: plain pings are left out of the frames."""
    try:
        value = json.loads(frame)
    except (ValueError, RecursionError, TypeError):
        return False
    return isinstance(value, dict) and value.get("type") == "ping"


query_values = st.one_of(
    st.text(max_size=20),
    st.sampled_from(UNICODE_DIGITS),
    st.integers().map(str),
    st.sampled_from(["", "-1", "+1", " 1", "1.0", "0x10", "9" * 5000, "%00", "%FF", "%C2%B2"]),
)


@st.composite
def queries(draw) -> bytes:
    """A query string around a valid ticket: junk parameters, several `after`s; rarely a
    second `ticket` before it, no ticket at all, or raw bytes that are not UTF-8."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(["after", "after", "x", "after[]", ""]), query_values), max_size=3))
    if rarely(draw):
        pairs.insert(0, ("ticket", draw(query_values)))
    encoded = [f"{quote(key)}={quote(value, safe='%' if draw(st.booleans()) else '')}" for key, value in pairs]
    if not rarely(draw):
        encoded.insert(draw(st.integers(min_value=0, max_value=len(encoded))), "ticket={ticket}")
    query = "&".join(encoded).encode()
    if rarely(draw):
        query += draw(st.binary(min_size=1, max_size=8))
    return query


cases = st.fixed_dictionaries(
    {"query": queries(), "frames": st.lists(frames().filter(lambda f: not is_plain_ping(f)), min_size=1, max_size=4)}
)

# --- the world and the run -----------------------------------------------------------------


@pytest.fixture
async def fuzz_world():
    def build():
        user = UserFactory(is_staff=True)  # may follow every stream
        project = ProjectFactory(owner=user)
        version = VersionFactory(asset=AssetFactory(project=project), number=1)
        return SimpleNamespace(
            user=user,
            paths={
                "project": f"/ws/projects/{project.pk}/",
                "version": f"/ws/versions/{version.pk}/",
                "notifications": "/ws/notifications/",
                "monitoring": "/ws/monitoring/",
                "unknown": "/ws/elsewhere/",
            },
        )

    return await database_sync_to_async(build)()


async def run_case(world, path: str, case: dict) -> None:
    ticket = await sync_to_async(ticket_issue)(user_id=world.user.pk)
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    communicator.scope["query_string"] = case["query"].replace(b"{ticket}", ticket.encode())
    try:
        connected, code = await communicator.connect(timeout=10)
        assert connected, f"handshake refused ({code})"
        if await outputs_until(communicator, "hello") is None:
            event("refused at connect")
            return  # refused with a protocol close code (bad ticket, unknown path)
        for frame in case["frames"]:
            if isinstance(frame, bytes):
                await communicator.send_to(bytes_data=frame)
            else:
                await communicator.send_to(text_data=frame)
        await communicator.send_json_to({"type": "ping"})
        event("answered the final ping" if await outputs_until(communicator, "pong") else "closed after a frame")
    finally:
        await communicator.disconnect(timeout=10)


async def outputs_until(communicator, kind: str) -> dict | None:
    """Read until a message of `kind` (returned) or a close (None). An exception inside the
    application is raised here by the communicator."""
    while True:
        output = await communicator.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            assert output.get("code") in PROTOCOL_CLOSES, output
            event(f"closed with {output.get('code')}")
            return None
        assert output["type"] == "websocket.send", output
        message = json.loads(output["text"])
        assert isinstance(message, dict) and isinstance(message.get("type"), str), message
        if message["type"] == kind:
            return message


KNOWN_ATTACKS = [
    {"query": b"ticket={ticket}", "frames": ['{"type": "resume", "after": ' + "[" * 30_000 + "]" * 30_000 + "}"]},
    {"query": b"ticket={ticket}&after=%C2%B2", "frames": ['{"type": "resume", "after": 1}']},
    {"query": b"ticket={ticket}", "frames": ['{"type": "resume", "pad": "' + "x" * 70_000 + '"}']},
    {"query": b"ticket={ticket}", "frames": ['{"type": "presence.update", "playhead": ' + "1" + "0" * 400 + "}"]},
    {"query": b"ticket={ticket}", "frames": [b'{"type": "ping"}', '{"type": "resume", "after": NaN}']},
    {"query": b"ticket=\xff{ticket}", "frames": ["{}"]},
]


def with_known_attacks(test):
    """The crashes found by hand (issue 15) stay in every run, whatever hypothesis draws."""
    for attack in KNOWN_ATTACKS:
        test = example(case=attack)(test)
    return test


@pytest.mark.parametrize("endpoint", ["project", "version", "notifications", "monitoring", "unknown"])
@with_known_attacks
@HYPOTHESIS
@given(case=cases)
async def test_no_frame_or_query_crashes_a_websocket_endpoint(fuzz_world, endpoint, case):
    await run_case(fuzz_world, fuzz_world.paths[endpoint], case)


@HYPOTHESIS
@given(path=st.text(alphabet=string.printable + "가é²/", max_size=30))
async def test_a_websocket_to_any_path_gets_a_protocol_answer(fuzz_world, path):
    await run_case(fuzz_world, "/" + path.lstrip("/"), {"query": b"ticket={ticket}", "frames": ["{}"]})
