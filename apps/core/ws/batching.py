"""Per-event permission checks, answered in batches.

Every forwarded event is re-authorised (DESIGN §5). One group message reaches every
connection of a room at the same moment, so a room of 200 viewers would cost 200 queries
per event, run one after another on the single database thread — seconds of delay. The
checks that arrive together in this process are answered by one query instead, still at
the time of the event."""

import asyncio
from collections.abc import Callable, Hashable, Mapping

from channels.db import database_sync_to_async


class BatchedLookup:
    """`await lookup(key)` → the value `fetch(keys)` maps the key to, or None.

    `fetch` is a synchronous database read taking the list of keys asked for since the
    last flush and returning a mapping for the keys that exist."""

    def __init__(self, fetch: Callable[[list], Mapping]):
        self._fetch = fetch
        self._pending: dict[Hashable, list[asyncio.Future]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._scheduled = False

    async def __call__(self, key: Hashable):
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests): forget the old loop's state
            self._loop, self._pending, self._scheduled = loop, {}, False
        future = loop.create_future()
        self._pending.setdefault(key, []).append(future)
        if not self._scheduled:
            self._scheduled = True
            loop.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        await asyncio.sleep(0)  # let the rest of the burst queue up behind the first check
        pending, self._pending, self._scheduled = self._pending, {}, False
        try:
            found = await database_sync_to_async(self._fetch)(list(pending))
        except Exception as error:  # noqa: BLE001 — handed to every waiting check
            for futures in pending.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(error)
            return
        for key, futures in pending.items():
            for future in futures:
                if not future.done():
                    future.set_result(found.get(key))
