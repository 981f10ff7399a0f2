"""Listing a workspace's journeys with search, filters, sorting and pages."""

from __future__ import annotations

from typing import Any

import pytest

from cxmap.model.journey import JourneyKind, JourneyStatus
from cxmap.model.journey_record import JourneyQuery, JourneySort
from cxmap.store import Database, Journeys
from tests.store.conftest import Clock, Team, make_journey

#: Created in this order (so "updated" order is the reverse), one clock tick apart.
JOURNEYS: list[dict[str, Any]] = [
    {
        "slug": "checkout",
        "title": "Checkout online",
        "kind": "current",
        "status": "published",
        "owner": "Digital",
        "tags": ["Web", "payments"],
    },
    {
        "slug": "returns",
        "title": "Returning an item",
        "kind": "current",
        "status": "draft",
        "owner": "Service",
        "tags": ["web", "returns"],
        "description": "Refund takes 100% too long",
    },
    {
        "slug": "checkout-desired",
        "title": "checkout in one click",
        "kind": "desired",
        "status": "review",
        "owner": "Digital",
        "tags": ["payments"],
    },
    {
        "slug": "store-visit",
        "title": "A store visit",
        "kind": "current",
        "status": "draft",
        "owner": "Retail",
        "tags": [],
    },
]


@pytest.fixture
def seeded(database: Database, team: Team, clock: Clock) -> Database:
    with database.writing() as session:
        journeys = Journeys(session, clock)
        for spec in JOURNEYS:
            fields = {k: v for k, v in spec.items() if k not in {"slug", "title"}}
            journeys.create(team.ws, make_journey(spec["slug"], spec["title"], **fields), by=None)
        journeys.create(team.other, make_journey("checkout", "Other checkout"), by=None)
    return database


def slugs(database: Database, team: Team, **query: Any) -> list[str]:
    with database.reading() as session:
        page = Journeys(session).search(team.ws, JourneyQuery(**query))
    return [item.slug for item in page.items]


def test_default_lists_live_journeys_most_recently_updated_first(
    seeded: Database, team: Team
) -> None:
    assert slugs(seeded, team) == ["store-visit", "checkout-desired", "returns", "checkout"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"text": "checkout"}, ["checkout-desired", "checkout"]),
        ({"text": "CHECKOUT click"}, ["checkout-desired"]),  # every word, any case
        ({"text": "pays"}, ["store-visit", "checkout-desired", "returns", "checkout"]),  # steps
        ({"text": "sam shopper"}, ["store-visit", "checkout-desired", "returns", "checkout"]),
        ({"text": "refund"}, ["returns"]),  # description
        ({"text": "100%"}, ["returns"]),  # % is a character, not a wildcard
        ({"text": "1_0"}, []),  # and so is _
        ({"text": "service"}, ["returns"]),  # owner
        ({"kind": JourneyKind.DESIRED}, ["checkout-desired"]),
        ({"status": JourneyStatus.DRAFT}, ["store-visit", "returns"]),
        ({"owner": "Digital"}, ["checkout-desired", "checkout"]),
        ({"tags": ["web"]}, ["returns", "checkout"]),  # tags match without case
        ({"tags": ["WEB", "payments"]}, ["checkout"]),  # all of them
        ({"tags": ["nope"]}, []),
        ({"kind": JourneyKind.CURRENT, "text": "checkout"}, ["checkout"]),
    ],
)
def test_filters(seeded: Database, team: Team, query: dict[str, Any], expected: list[str]) -> None:
    assert slugs(seeded, team, **query) == expected


def test_sorting(seeded: Database, team: Team) -> None:
    assert slugs(seeded, team, sort=JourneySort.TITLE) == [
        "store-visit",  # A store visit
        "checkout-desired",  # checkout in one click (case does not matter)
        "checkout",  # Checkout online
        "returns",  # Returning an item
    ]
    assert slugs(seeded, team, sort=JourneySort.SLUG) == [
        "checkout",
        "checkout-desired",
        "returns",
        "store-visit",
    ]


def test_pages_and_total(seeded: Database, team: Team) -> None:
    with seeded.reading() as session:
        journeys = Journeys(session)
        first = journeys.search(team.ws, JourneyQuery(sort=JourneySort.SLUG, limit=3))
        second = journeys.search(team.ws, JourneyQuery(sort=JourneySort.SLUG, limit=3, offset=3))
    assert (first.total, second.total) == (4, 4)
    assert [j.slug for j in first.items] == ["checkout", "checkout-desired", "returns"]
    assert [j.slug for j in second.items] == ["store-visit"]


def test_summaries_carry_what_a_list_shows(seeded: Database, team: Team) -> None:
    with seeded.reading() as session:
        item = Journeys(session).search(team.ws, JourneyQuery(tags=["returns"])).items[0]
    assert (item.title, item.kind, item.status, item.owner) == (
        "Returning an item",
        JourneyKind.CURRENT,
        JourneyStatus.DRAFT,
        "Service",
    )
    assert item.tags == ["web", "returns"]  # as written, in order
    assert item.version == 1


def test_an_update_moves_a_journey_to_the_top_and_changes_its_tags(
    seeded: Database, team: Team, clock: Clock
) -> None:
    with seeded.writing() as session:
        journeys = Journeys(session, clock)
        checkout = journeys.get_by_slug(team.ws, "checkout")
        journeys.update(
            team.ws,
            checkout.id,
            make_journey("checkout", "Checkout online", tags=["mobile"]),
            expected_version=1,
            by=team.editor,
        )
    assert slugs(seeded, team)[0] == "checkout"
    assert slugs(seeded, team, tags=["web"]) == ["returns"]
    assert slugs(seeded, team, tags=["mobile"]) == ["checkout"]
