"""The in-process event bus: events reach the subscribers of their journey only, from
any thread, and a watcher that falls too far behind is ended instead of slowing writers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from uuid import UUID, uuid4

import anyio
import pytest

from cxmap.services.journey_events import MAX_PENDING, InProcessEvents, JourneyEvent

pytestmark = pytest.mark.anyio
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def event(journey_id: UUID, version: int) -> JourneyEvent:
    return JourneyEvent("journey.updated", journey_id, version, None, AT)


async def test_events_from_another_thread_reach_only_their_journeys_watchers() -> None:
    bus = InProcessEvents()
    watched, other = uuid4(), uuid4()
    async with bus.subscribe(watched) as subscription:
        writer = threading.Thread(
            target=lambda: [bus.publish(event(other, 1)), bus.publish(event(watched, 2))]
        )
        writer.start()
        writer.join()
        with anyio.fail_after(5):
            received = await anext(aiter(subscription))
        assert received == event(watched, 2)
        assert subscription.queue.empty()
    assert bus.watcher_count(watched) == 0


async def test_a_watcher_too_far_behind_is_ended() -> None:
    bus = InProcessEvents()
    journey = uuid4()
    async with bus.subscribe(journey) as subscription:
        for version in range(MAX_PENDING + 10):
            bus.publish(event(journey, version))
        await anyio.sleep(0.05)  # let the loop run the queued offers
        with anyio.fail_after(5):
            versions = [received.version async for received in subscription]
    assert subscription.overflowed
    assert versions == list(range(MAX_PENDING))


def test_the_message_is_small_json() -> None:
    journey, comment, who = uuid4(), uuid4(), uuid4()
    message = JourneyEvent("comment.added", journey, None, who, AT, comment).message()
    assert message == {
        "type": "comment.added",
        "journey_id": str(journey),
        "version": None,
        "by": str(who),
        "at": "2026-11-26T12:00:00+00:00",
        "comment_id": str(comment),
    }
