"""Changes to a journey, announced to everyone watching it (the `/live` websocket).

The write use cases publish a `JourneyEvent` after their transaction has committed, so a
watcher that reloads on a message always finds the change. `JourneyEventBus` is the small
interface a backend provides: `InProcessEvents` fans out to subscribers of this process;
a Redis or PostgreSQL LISTEN/NOTIFY backend can later implement the same two methods for
several server processes. Publishing never blocks a write: a watcher that falls too far
behind is told so (`overflowed`) and dropped, rather than slowing the writers down.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

#: How many unsent events one watcher may have before it is dropped.
MAX_PENDING = 256


@dataclass(frozen=True)
class JourneyEvent:
    """What changed: `type` such as `journey.updated` or `comment.added`; the journey's new
    version (None for comments, which are not versioned), who and when."""

    type: str
    journey_id: UUID
    version: int | None
    by: UUID | None
    at: datetime
    comment_id: UUID | None = None

    def message(self) -> dict[str, Any]:
        """The small JSON message a watcher receives."""
        body: dict[str, Any] = {
            "type": self.type,
            "journey_id": str(self.journey_id),
            "version": self.version,
            "by": str(self.by) if self.by else None,
            "at": self.at.isoformat(),
        }
        if self.comment_id is not None:
            body["comment_id"] = str(self.comment_id)
        return body


class JourneyEventSink(Protocol):
    def publish(self, event: JourneyEvent) -> None:
        """Announce a committed change (from any thread; must not block)."""


class JourneyEventBus(JourneyEventSink, Protocol):
    def subscribe(self, journey_id: UUID) -> AbstractAsyncContextManager[Subscription]:
        """One journey's events, from now until the context ends."""


class NoEvents:
    """For use cases run where nobody can watch (the CLI): events go nowhere."""

    def publish(self, event: JourneyEvent) -> None:
        del event


class Subscription:
    """One watcher's queue of events, filled from any thread, read on its event loop."""

    def __init__(self, journey_id: UUID) -> None:
        self.journey_id = journey_id
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[JourneyEvent | None] = asyncio.Queue(MAX_PENDING + 1)
        self.overflowed = False

    def offer(self, event: JourneyEvent) -> None:
        """Queue `event` (on the subscriber's loop); past the limit, end the subscription."""
        if self.overflowed:
            return
        if self.queue.qsize() >= MAX_PENDING:
            self.overflowed = True
            self.queue.put_nowait(None)
            return
        self.queue.put_nowait(event)

    def __aiter__(self) -> AsyncIterator[JourneyEvent]:
        return self._events()

    async def _events(self) -> AsyncIterator[JourneyEvent]:
        while (event := await self.queue.get()) is not None:
            yield event


class InProcessEvents:
    """Fan-out to the subscribers of this process (one server process, the default)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[UUID, set[Subscription]] = {}

    def publish(self, event: JourneyEvent) -> None:
        with self._lock:
            watchers = list(self._subscribers.get(event.journey_id, ()))
        for watcher in watchers:
            try:
                watcher.loop.call_soon_threadsafe(watcher.offer, event)
            except RuntimeError:  # its loop has closed: it is being unsubscribed
                continue

    @asynccontextmanager
    async def subscribe(self, journey_id: UUID) -> AsyncIterator[Subscription]:
        subscription = Subscription(journey_id)
        with self._lock:
            self._subscribers.setdefault(journey_id, set()).add(subscription)
        try:
            yield subscription
        finally:
            with self._lock:
                watchers = self._subscribers.get(journey_id, set())
                watchers.discard(subscription)
                if not watchers:
                    self._subscribers.pop(journey_id, None)

    def watcher_count(self, journey_id: UUID) -> int:
        with self._lock:
            return len(self._subscribers.get(journey_id, ()))
