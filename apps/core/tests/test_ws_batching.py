"""The batched per-event permission check: a burst of checks is one read, every caller gets
its own answer, and a failing read fails every waiting check instead of hanging it."""

import asyncio

import pytest

from apps.core.ws.batching import BatchedLookup


async def test_a_burst_of_checks_is_answered_by_one_read():
    reads = []

    def fetch(keys):
        reads.append(sorted(keys))
        return {key: f"role-{key}" for key in keys if key % 2 == 0}

    lookup = BatchedLookup(fetch)
    answers = await asyncio.gather(*(lookup(n % 10) for n in range(200)))

    assert len(reads) == 1 and reads[0] == list(range(10))
    assert answers[:4] == ["role-0", None, "role-2", None]


async def test_checks_after_a_flush_start_a_new_read():
    reads = []
    lookup = BatchedLookup(lambda keys: reads.append(keys) or dict.fromkeys(keys, True))

    assert await lookup("a") is True
    assert await lookup("b") is True
    assert reads == [["a"], ["b"]]


async def test_a_failing_read_fails_every_waiting_check():
    def fetch(keys):
        raise ConnectionError("database went away")

    lookup = BatchedLookup(fetch)
    results = await asyncio.gather(lookup(1), lookup(2), return_exceptions=True)
    assert all(isinstance(result, ConnectionError) for result in results)
    with pytest.raises(ConnectionError):
        await lookup(3)
