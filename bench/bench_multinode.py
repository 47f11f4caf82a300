"""Realtime across two web nodes: 1,000 WebSocket clients (BENCH_MULTINODE_CLIENTS) on one
version, split evenly over two Daphne processes that share only PostgreSQL and Redis.

- A comment written through node A's REST API → its `feedback.created` on every socket (both
  nodes), against a bare `channel_layer.group_send` to the same sockets in the same run:
  p95 ≤ 2×, and 0 events lost.
- The idle memory one open socket costs: the web processes' RSS with the sockets open and
  idle, minus their RSS before (after a warm-up that loaded everything a first socket and a
  first comment load), divided by the number of sockets.

All sockets belong to one user (so presence sends one `joined`, not one per socket): the cost
measured is the fan-out and the connections, the worst case of one very large review room."""

import asyncio
import os
import resource
import time
from dataclasses import dataclass

import psutil
import pytest
import requests
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from rest_framework_simplejwt.tokens import AccessToken

from apps.core.events import group_name
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory
from apps.projects.tests.factories import ProjectFactory

from .bench_realtime import Fleet
from .conftest import percentile

CLIENTS = int(os.environ.get("BENCH_MULTINODE_CLIENTS", "1000"))
NODES = 2
MESSAGES = 10
IDLE_SECONDS = 5  # sockets open and quiet before memory is read


@dataclass
class Run:
    api_ms: list[float]
    bare_ms: list[float]
    lost_api: int
    lost_bare: int
    rss_before: int  # bytes, all web processes
    rss_after: int
    connect_seconds: float


def _raise_open_files_limit() -> None:
    """Each socket is a file descriptor in this process and in a web process (which inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CLIENTS + 1024
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


def _rss(servers) -> int:
    return sum(psutil.Process(server.pid).memory_info().rss for server in servers)


async def _post(session, server, version, body: str, n: int) -> None:
    response = await asyncio.to_thread(
        session.post, f"{server.url}/api/v1/versions/{version.pk}/feedback/", json={"body": body, "frame": n}
    )
    assert response.status_code == 201, response.text


async def _measure(servers, version, token) -> Run:
    layer = get_channel_layer()
    stream = f"version:{version.pk}"
    urls = [f"{server.ws_url}/ws/versions/{version.pk}/" for server in servers]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"

    # Warm-up: every node accepts sockets and fans a comment out once before the first reading.
    async with Fleet(urls, token, clients=2 * NODES) as warm:
        await _post(session, servers[0], version, "warm-up", 0)
        await warm.wait_for("warm-up")
    await asyncio.sleep(1)
    rss_before = _rss(servers)

    api_ms, bare_ms, lost_api, lost_bare = [], [], 0, 0
    async with Fleet(urls, token, clients=CLIENTS) as fleet:
        await asyncio.sleep(IDLE_SECONDS)
        rss_after = _rss(servers)
        for n in range(MESSAGES):
            body = f"bench-multinode-rest-{n}"
            sent = time.perf_counter()
            await _post(session, servers[0], version, body, n + 1)
            arrived = await fleet.wait_for(body, timeout=60, strict=False)
            api_ms += [(t - sent) * 1000 for t in arrived]
            lost_api += CLIENTS - len(arrived)

            key = f"bench-multinode-bare-{n}"
            message = {"type": "bench.ping", "stream": stream, "data": {"key": key}}
            sent = time.perf_counter()
            await layer.group_send(group_name(stream), {"type": "stream.message", "message": message})
            arrived = await fleet.wait_for(key, timeout=60, strict=False)
            bare_ms += [(t - sent) * 1000 for t in arrived]
            lost_bare += CLIENTS - len(arrived)
    return Run(api_ms, bare_ms, lost_api, lost_bare, rss_before, rss_after, fleet.connect_seconds)


@pytest.mark.django_db(transaction=True)
def test_fanout_to_1000_sockets_on_two_nodes_against_bare_group_send(bench_server, report):
    _raise_open_files_limit()
    project = ProjectFactory()
    version = VersionFactory(asset=AssetFactory(project=project))
    token = str(AccessToken.for_user(project.owner))
    servers = [bench_server() for _ in range(NODES)]

    run = async_to_sync(_measure)(servers, version, token)

    def stats(values):
        return percentile(values, 50), percentile(values, 95), max(values)

    api, bare = stats(run.api_ms), stats(run.bare_ms)
    ratio = api[1] / bare[1]
    label = f"fan-out to {CLIENTS} sockets on {NODES} nodes"
    report.add(
        label,
        "REST write on node A → receipt on both, p50 / p95 / max",
        " / ".join(f"{v:.0f}" for v in api) + " ms",
        baseline=" / ".join(f"{v:.0f}" for v in bare) + " ms group_send",
        ratio=f"p95 {ratio:.2f}×",
        target="p95 ≤ 2×",
        passed=ratio <= 2,
    )
    total = CLIENTS * MESSAGES
    report.add(
        label,
        "events lost (REST / bare)",
        f"{run.lost_api} of {total} / {run.lost_bare} of {total}",
        target="0",
        passed=run.lost_api == 0 and run.lost_bare == 0,
    )
    per_socket = (run.rss_after - run.rss_before) / CLIENTS
    report.add(
        label,
        "idle memory per open socket (web processes' RSS growth / sockets)",
        f"{per_socket / 1024:.0f} KB",
        baseline=f"RSS {run.rss_before / 2**20:.0f} → {run.rss_after / 2**20:.0f} MB over {NODES} processes",
    )
    report.add(label, "sockets opened per second (Bearer, until hello)", f"{CLIENTS / run.connect_seconds:.0f}")
