"""Daphne with a graceful SIGTERM, for rolling restarts behind a load balancer.

`python -m config.web_server [daphne arguments] [--shutdown-grace S] config.asgi:application`

On SIGTERM (or SIGINT) the server stops listening, so the balancer's health check fails
and new connections go to the other nodes; every open WebSocket gets a close frame with
1012 "service restart", which the web app's WebSocket manager takes as "reconnect now" and
resumes elsewhere with `?after=<last seq>`; in-flight HTTP requests finish. The process
exits once every connection's application has finished (consumers ran their disconnect
handlers: groups left, presence updated) or when the grace period runs out, whichever is
first. A second signal exits at once.

Plain Daphne stops the reactor on SIGTERM and drops sockets without a close frame (clients
see 1006), and its `websocket.close` path refuses codes outside 1000 and 3000–4999 — 1012
is sent here with autobahn's lower-level `sendCloseFrame`, which writes the frame as given.
"""

import asyncio
import logging
import signal
import sys
import time
from functools import partial

import daphne.server  # noqa: F401  (first: installs the asyncio Twisted reactor)
from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import reactor

logger = logging.getLogger("config.web_server")

CLOSE_SERVICE_RESTART = 1012
DEFAULT_GRACE_SECONDS = 25.0  # under Kubernetes' default 30 s terminationGracePeriodSeconds
POLL_SECONDS = 0.1


class GracefulServer(Server):
    def __init__(self, *args, grace_seconds: float = DEFAULT_GRACE_SECONDS, **kwargs):
        # Our own handlers replace Twisted's, which stop the reactor at once.
        super().__init__(*args, signal_handlers=False, **kwargs)
        self.grace_seconds = grace_seconds
        self.ports = []
        self.draining_since: float | None = None

    def run(self):
        reactor.callWhenRunning(self._install_signal_handlers)
        super().run()

    def _install_signal_handlers(self):
        loop = asyncio.get_event_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.drain)

    def listen_success(self, port):
        self.ports.append(port)
        super().listen_success(port)

    def drain(self):
        if self.draining_since is not None:
            logger.warning("second shutdown signal: stopping now")
            self.stop()
            return
        self.draining_since = time.monotonic()
        for port in self.ports:
            port.stopListening()
        logger.info(
            "draining: stopped listening, closing %d WebSocket(s) with 1012, grace %.0f s",
            self._close_websockets(),
            self.grace_seconds,
        )
        self._stop_when_idle()

    def _close_websockets(self) -> int:
        closed = 0
        for protocol in list(self.connections):
            if isinstance(protocol, WebSocketProtocol) and protocol.state == WebSocketProtocol.STATE_OPEN:
                protocol.sendCloseFrame(code=CLOSE_SERVICE_RESTART, reasonUtf8=b"service restart")
                closed += 1
        return closed

    def _busy(self) -> int:
        return sum(
            1
            for details in self.connections.values()
            if details.get("application_instance") is not None and not details["application_instance"].done()
        )

    def _stop_when_idle(self):
        self._close_websockets()  # also sockets whose handshake was still under way at the signal
        busy = self._busy()
        elapsed = time.monotonic() - self.draining_since
        if busy and elapsed < self.grace_seconds:
            reactor.callLater(POLL_SECONDS, self._stop_when_idle)
            return
        if busy:
            logger.warning("grace period over with %d connection(s) still busy: stopping", busy)
        else:
            logger.info("drained in %.2f s", elapsed)
        self.stop()

    def kill_all_applications(self):
        # Daphne's own version assumes every entry still has an application instance; one
        # whose instance was already reaped (finished, not yet disconnected) raised KeyError.
        for details in self.connections.values():
            details.setdefault("application_instance", _done_future())
        return super().kill_all_applications()


def _done_future() -> asyncio.Future:
    future = asyncio.get_event_loop().create_future()
    future.set_result(None)
    return future


class GracefulCommandLineInterface(CommandLineInterface):
    def __init__(self):
        super().__init__()
        self.parser.add_argument(
            "--shutdown-grace",
            type=float,
            default=DEFAULT_GRACE_SECONDS,
            help="Seconds to let open connections finish after SIGTERM before exiting.",
        )

    def run(self, args):
        grace = self.parser.parse_args(args).shutdown_grace
        self.server_class = partial(GracefulServer, grace_seconds=grace)
        super().run(args)


if __name__ == "__main__":
    GracefulCommandLineInterface().run(sys.argv[1:])
