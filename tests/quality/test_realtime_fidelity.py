"""Realtime fidelity: 50 clients on 5 projects' streams, 2 000 events published while clients
are disconnected at random and come back, half with a `resume` message after hello and half
(as the frontend's WS manager does) with `?after=<last seq>` on the connect URL. Each client
accepts seq = last + 1, drops what it already has and sends `resume` on a gap. At the end
every client holds exactly its stream's sequence — nothing lost, duplicated or out of order,
each seq carrying the stored event's data — not one event of another project ever reached
it, and the `?after=` clients were never sent an event twice."""

import asyncio
import json
import random

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from apps.core import events
from apps.core.models import StreamEvent
from apps.projects.models import Role
from apps.projects.services import project_stream
from apps.projects.tests.factories import MembershipFactory, ProjectFactory
from apps.users.services import token_pair_for
from config.asgi import application
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, pytest.mark.usefixtures("thread_db_closed")]

PROJECTS = 5
CLIENTS_PER_PROJECT = 10
EVENTS = 2000
BATCH = 10
SEED = 20261123


class Client:
    """A protocol-following client of one project stream."""

    def __init__(self, project_id, token: str, *, resume_on_connect: bool):
        self.path = f"/ws/projects/{project_id}/"
        self.resume_on_connect = resume_on_connect
        self.joined = False
        self.stream = project_stream(project_id)
        self.headers = [(b"authorization", f"Bearer {token}".encode())]
        self.communicator: WebsocketCommunicator | None = None
        self.last = 0
        self.delivered: list[tuple[int, int]] = []  # (seq, data["i"]) accepted in order
        self.foreign: list[dict] = []
        self.wire_repeats = 0
        self.reconnects = 0
        self.resuming = False
        self.busy = False  # being dropped and reconnected

    async def connect(self):
        after = self.resume_on_connect and self.joined
        path = f"{self.path}?after={self.last}" if after else self.path
        self.communicator = WebsocketCommunicator(application, path, headers=self.headers)
        connected, code = await self.communicator.connect(timeout=10)
        assert connected, code
        hello = await self.communicator.receive_json_from(timeout=10)
        assert hello["type"] == "hello", hello
        self.joined = True
        self.resuming = False
        if hello["seq"] > self.last and not after:
            await self._resume()

    async def _resume(self):
        self.resuming = True
        await self.communicator.send_json_to({"type": "resume", "after": self.last})

    async def drop(self):
        """A forced disconnect (network loss, tab sleep)."""
        await self.communicator.disconnect()
        self.communicator = None

    async def pump(self, timeout: float = 0.05) -> bool:
        """Handles what arrived; False when nothing did within `timeout`."""
        if self.communicator is None or self.busy:
            return False
        # receive_nothing, not a receive timeout: asgiref cancels the app when a receive times out.
        if await self.communicator.receive_nothing(timeout=timeout):
            return False
        raw = await self.communicator.receive_from()
        message = json.loads(raw)
        if "seq" not in message or message["type"] == "hello":
            return True  # presence and other ephemeral messages
        if message.get("stream") != self.stream:
            self.foreign.append(message)
            return True
        seq = message["seq"]
        if seq <= self.last:
            self.wire_repeats += 1
        elif seq == self.last + 1:
            self.last = seq
            self.delivered.append((seq, message["data"]["i"]))
            self.resuming = False
        elif not self.resuming:
            await self._resume()  # a gap: ask for what is missing, in order
        return True


def _world():
    projects, clients = [], []
    for _ in range(PROJECTS):
        project = ProjectFactory()
        projects.append(project)
        members = [project.owner] + [
            MembershipFactory(project=project, role=Role.VIEWER, user=UserFactory()).user
            for _ in range(CLIENTS_PER_PROJECT - 1)
        ]
        clients += [
            Client(project.pk, token_pair_for(user)["access"], resume_on_connect=n % 2 == 0)
            for n, user in enumerate(members)
        ]
    return projects, clients


def _publish(plan: list[tuple[int, object]]):
    with transaction.atomic():
        for i, project in plan:
            events.publish(stream=project_stream(project.pk), type="phase.updated", data={"i": i})


def _stored(projects) -> dict[str, list[tuple[int, int]]]:
    return {
        project_stream(p.pk): list(
            StreamEvent.objects.filter(stream=project_stream(p.pk)).order_by("seq").values_list("seq", "data__i")
        )
        for p in projects
    }


async def test_every_client_ends_with_exactly_its_streams_sequence():
    rng = random.Random(SEED)
    projects, clients = await database_sync_to_async(_world)()
    for client in clients:
        await client.connect()

    plan = [(i, rng.choice(projects)) for i in range(EVENTS)]
    published = asyncio.Event()

    async def publisher():
        for batch, start in enumerate(range(0, EVENTS, BATCH)):
            await database_sync_to_async(_publish)(plan[start : start + BATCH])
            # Keep the chaos in step however fast the machine: a reconnect per 4 batches.
            while sum(c.reconnects for c in clients) < batch // 4:
                await asyncio.sleep(0.005)
        published.set()

    async def chaos():
        while not published.is_set():
            client = rng.choice(clients)
            if client.communicator is not None and not client.busy:
                client.busy = True
                await client.drop()
                await asyncio.sleep(rng.uniform(0, 0.05))
                await client.connect()
                client.reconnects += 1
                client.busy = False
            await asyncio.sleep(rng.uniform(0.001, 0.01))

    async def reader(client: Client):
        while not published.is_set():
            if not await client.pump():
                await asyncio.sleep(0.01)

    monkeys = [chaos() for _ in range(4)]
    await asyncio.wait_for(asyncio.gather(publisher(), *monkeys, *(reader(c) for c in clients)), timeout=300)

    stored = await database_sync_to_async(_stored)(projects)
    # Drain: everything still in flight, with one last resume for clients that saw a gap.
    deadline = asyncio.get_running_loop().time() + 60
    for client in clients:
        while client.last < len(stored[client.stream]) and asyncio.get_running_loop().time() < deadline:
            if not await client.pump(timeout=0.5):
                await client._resume()

    assert sum(len(s) for s in stored.values()) == EVENTS
    problems = []
    for n, client in enumerate(clients):
        if client.foreign:
            problems.append(f"client {n}: {len(client.foreign)} events of another stream, e.g. {client.foreign[0]}")
        if client.delivered != stored[client.stream]:
            have, want = client.delivered, stored[client.stream]
            problems.append(f"client {n}: {len(have)} of {len(want)} events, first difference at {_diff(have, want)}")
        if client.resume_on_connect and client.wire_repeats:
            problems.append(f"client {n} (?after=): {client.wire_repeats} events sent twice")
    for client in clients:
        await client.drop()
    assert not problems, "\n".join(problems)
    assert sum(c.reconnects for c in clients) >= 50, "too few forced disconnects to prove anything"


def _diff(have, want):
    for index, (a, b) in enumerate(zip(have, want, strict=False)):
        if a != b:
            return f"#{index}: {a} != {b}"
    return f"#{min(len(have), len(want))} (one list ends)"
