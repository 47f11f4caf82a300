"""No silent server errors: a test fails when, while it ran, the server had an unhandled
exception — even if the test's own assertions passed (a 500 the test did not look at, a
consumer that crashed after the last message the test read).

Watched, in this process:
- `django.request`: every response with status 500 (Django's handler and our envelope
  middleware both answer an unhandled exception so) or any 5xx logged with a traceback.
  A deliberate 503 (AI not configured, database or Redis down) is an answer, not a crash;
- `daphne` (`daphne.server` logs "Exception inside application", `daphne.ws_protocol` and
  `daphne.http_protocol` their own errors) at ERROR, for servers run inside the test process;
- the ASGI application itself: any exception escaping `config.asgi.application` (a consumer
  or the WebSocket middleware crashed), which Daphne would turn into a 1011 or a 500
  handshake. WebsocketCommunicator re-raises such an exception only if the test reads the
  communicator again, so it is recorded where it leaves the application.

Not watched: processes a test starts (a Daphne or Celery worker subprocess logs to its own
stderr; tests that start one read that log themselves, see tests/quality/test_ws_daphne.py).

A test that provokes a server error on purpose says so with
`@pytest.mark.server_errors_expected`, or requests the `server_errors` fixture to assert on
what was recorded."""

import asyncio
import logging

import pytest
from channels.routing import ProtocolTypeRouter

MARKER = "server_errors_expected"
WATCHED_LOGGERS = ("django.request", "daphne")
_FOUND = pytest.StashKey[list]()
_ALLOWED = pytest.StashKey[bool]()


class _ErrorRecords(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("django.request"):
            status = getattr(record, "status_code", None) or 0
            if status != 500 and not (status >= 500 and record.exc_info):
                return
        self.found.append(f"{record.name}: {record.getMessage()}" + (" (with traceback)" if record.exc_info else ""))


@pytest.fixture(autouse=True)
def no_silent_server_errors(request, monkeypatch):
    handler = _ErrorRecords()
    request.node.stash[_FOUND] = handler.found
    loggers = [logging.getLogger(name) for name in WATCHED_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)

    application_call = ProtocolTypeRouter.__call__

    async def recorded_call(self, scope, receive, send):
        try:
            return await application_call(self, scope, receive, send)
        except asyncio.CancelledError:
            raise  # the communicator or server stopping the application
        except Exception as exc:
            handler.found.append(
                f"exception inside the ASGI application ({scope['type']} {scope.get('path')}): {exc!r}"
            )
            raise

    monkeypatch.setattr(ProtocolTypeRouter, "__call__", recorded_call)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    allowed = request.node.get_closest_marker(MARKER) is not None or request.node.stash.get(_ALLOWED, False)
    if handler.found and not allowed:
        pytest.fail(
            "server errors during the test (mark it @pytest.mark.server_errors_expected if it provokes them):\n  "
            + "\n  ".join(handler.found),
            pytrace=False,
        )


@pytest.fixture
def server_errors(request, no_silent_server_errors) -> list[str]:
    """The server errors recorded so far in this test; requesting it allows them."""
    request.node.stash[_ALLOWED] = True
    return request.node.stash[_FOUND]
