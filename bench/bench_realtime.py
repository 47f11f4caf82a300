"""Realtime fan-out: 200 WebSocket clients on one version. Latency from the REST write (a
comment) to each client's receipt of `feedback.created`, against a bare
`channel_layer.group_send` to the same group — the same 200 sockets, the same run."""

import asyncio
import json
import time

import pytest
import requests
import websockets
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from rest_framework_simplejwt.tokens import AccessToken

from apps.core.events import group_name
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory
from apps.projects.tests.factories import ProjectFactory

from .conftest import percentile

CLIENTS = 200
MESSAGES = 10


class Fleet:
    """`clients` sockets, spread round-robin over `urls` (one per web node), that stamp the
    arrival time of every message matching a key."""

    def __init__(self, urls: list[str], token: str, clients: int = CLIENTS):
        self.urls, self.token, self.clients = urls, token, clients
        self.arrivals: dict[str, list[float]] = {}
        self.sockets = []
        self.readers = []
        self.connect_seconds = 0.0

    async def __aenter__(self):
        async def connect(n: int):
            ws = await websockets.connect(
                self.urls[n % len(self.urls)],
                additional_headers={"Authorization": f"Bearer {self.token}"},
                max_queue=None,
                open_timeout=60,
            )
            hello = json.loads(await ws.recv())
            assert hello["type"] == "hello", hello
            return ws

        started = time.perf_counter()
        for start in range(0, self.clients, 25):  # connect in waves, as a room fills
            self.sockets += await asyncio.gather(*(connect(n) for n in range(start, min(self.clients, start + 25))))
        self.connect_seconds = time.perf_counter() - started
        self.readers = [asyncio.create_task(self._read(ws)) for ws in self.sockets]
        return self

    async def _read(self, ws):
        async for raw in ws:
            message = json.loads(raw)
            data = message.get("data") or {}
            key = (data.get("feedback") or {}).get("body") or data.get("key")
            if key:
                self.arrivals.setdefault(key, []).append(time.perf_counter())

    async def wait_for(self, key: str, timeout: float = 30, *, strict: bool = True) -> list[float]:
        """The arrival times of `key` once every socket has it; after `timeout`, what arrived
        (or, when strict, an error)."""
        deadline = time.monotonic() + timeout
        while len(self.arrivals.get(key, [])) < self.clients:
            if time.monotonic() > deadline:
                if not strict:
                    break
                raise AssertionError(f"{key}: {len(self.arrivals.get(key, []))}/{self.clients} clients received it")
            await asyncio.sleep(0.005)
        return self.arrivals.get(key, [])

    async def __aexit__(self, *exc):
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)


async def _measure(server, version, token) -> tuple[list[float], list[float]]:
    layer = get_channel_layer()
    stream = f"version:{version.pk}"
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    api_ms, bare_ms = [], []
    async with Fleet([f"{server.ws_url}/ws/versions/{version.pk}/"], token) as fleet:
        for n in range(MESSAGES):
            body = f"bench-rest-{n}"
            sent = time.perf_counter()
            response = await asyncio.to_thread(
                session.post, f"{server.url}/api/v1/versions/{version.pk}/feedback/", json={"body": body, "frame": n}
            )
            assert response.status_code == 201, response.text
            api_ms += [(t - sent) * 1000 for t in await fleet.wait_for(body)]

            key = f"bench-bare-{n}"
            message = {"type": "bench.ping", "stream": stream, "data": {"key": key}}
            sent = time.perf_counter()
            await layer.group_send(group_name(stream), {"type": "stream.message", "message": message})
            bare_ms += [(t - sent) * 1000 for t in await fleet.wait_for(key)]
    return api_ms, bare_ms


@pytest.mark.django_db(transaction=True)
def test_fanout_to_200_sockets_against_bare_group_send(bench_server, report):
    project = ProjectFactory()
    version = VersionFactory(asset=AssetFactory(project=project))
    token = str(AccessToken.for_user(project.owner))
    server = bench_server()

    api_ms, bare_ms = async_to_sync(_measure)(server, version, token)

    def stats(values):
        return percentile(values, 50), percentile(values, 95), max(values)

    api, bare = stats(api_ms), stats(bare_ms)
    ratio = api[1] / bare[1]
    label = f"fan-out to {CLIENTS} sockets"
    report.add(
        label,
        "REST write → receipt p50 / p95 / max",
        " / ".join(f"{v:.0f}" for v in api) + " ms",
        baseline=" / ".join(f"{v:.0f}" for v in bare) + " ms group_send",
        ratio=f"p95 {ratio:.2f}×",
        target="p95 ≤ 2×",
        passed=ratio <= 2,
    )
