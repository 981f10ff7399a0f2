"""Prioritising the retail example journey (examples/online-retail-purchase.yaml).

The evidence and the funnel below are made up for the test; every expected impact is worked
out by hand from `volume x negativity x value / effort`.
"""

from __future__ import annotations

import pytest

from cxmap.model.journey import Journey, OpportunityStatus
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import PriorityItem, PriorityKind
from cxmap.scoring.prioritise import combined_negativity, evidence_negativity, prioritise
from tests.scoring.conftest import RETAIL_EVIDENCE as EVIDENCE
from tests.scoring.conftest import funnel_step, mined_from, step_evidence

MINED: MiningResult = mined_from(
    [
        funnel_step("review-cart", 1000, drop_off=220),
        funnel_step("enter-details", 780, drop_off=70),
        funnel_step("pay-by-card", 710, drop_off=35),
        funnel_step("payment-declined", 60, drop_off=25),
    ]
)


def summary(items: list[PriorityItem]) -> list[tuple[int, str, float]]:
    return [(item.rank, item.id, round(item.expected_impact, 4)) for item in items]


@pytest.fixture
def ranked(retail: Journey) -> dict[str, list[PriorityItem]]:
    return prioritise(retail, EVIDENCE, MINED, {"enter-details": 2.5})


def test_every_stage_is_listed_in_map_order(
    retail: Journey, ranked: dict[str, list[PriorityItem]]
) -> None:
    assert list(ranked) == [stage.id for stage in retail.stages]
    assert ranked["discover"] == []


def test_checkout_by_hand(ranked: dict[str, list[PriorityItem]]) -> None:
    # delivery-cost-upfront fixes delivery-cost-surprise (3) and cart-left-behind (2):
    #   negativity 1 - (1 - 0.6)(1 - 0.4) = 0.76; 1000 cases at review-cart, effort 1 -> 760.
    # guest-checkout fixes forced-account (3): 0.6; 780 cases, value 2.5, effort 3 -> 390.
    # The three pain insights are fixed by these, so they are not listed a second time.
    assert summary(ranked["checkout"]) == [
        (1, "delivery-cost-upfront", 760.0),
        (2, "guest-checkout", 390.0),
    ]
    first = ranked["checkout"][0]
    assert first.kind == PriorityKind.OPPORTUNITY
    assert (first.volume, first.negativity, first.value, first.effort) == (1000, 0.76, 1.0, 1)
    refs = {(ref.kind, ref.ref) for ref in first.evidence}
    assert ("insight", "delivery-cost-surprise") in refs
    assert ("insight", "cart-left-behind") in refs
    assert ("event_log", "review-cart") in refs  # 22 % drop off here
    assert ("assumption", "review-cart") in refs  # value unknown: 1


def test_browse_by_hand(ranked: dict[str, list[PriorityItem]]) -> None:
    # fit-advisor fixes size-doubt (4): 0.8; 40 evidence items at check-size, effort 4 -> 8.
    # signal:view-product: pain in the evidence, no insight: 30 items x 0.3 / 3 (effort
    #   unknown) = 3.
    assert summary(ranked["browse"]) == [(1, "fit-advisor", 8.0), (2, "signal:view-product", 3.0)]
    signal = ranked["browse"][1]
    assert signal.kind == PriorityKind.PAIN_POINT
    assert signal.title == "Unaddressed pain at Reads the product page and reviews"
    assert [ref.summary for ref in signal.evidence][:1] == ["pain: nps"]
    assert any(ref.summary == "effort unknown: 3" for ref in signal.evidence)


def test_payment_by_hand(ranked: dict[str, list[PriorityItem]]) -> None:
    # explain-failed-payment fixes payment-failure-silence (5): 1.0; 60 cases, effort 2 -> 30.
    # signal:pay-by-card: 35 of 710 drop off (no insight there): 710 x 35/710 / 3 = 11.667.
    assert summary(ranked["payment"]) == [
        (1, "explain-failed-payment", 30.0),
        (2, "signal:pay-by-card", 11.6667),
    ]


def test_without_data_volume_and_value_are_assumed_and_said(retail: Journey) -> None:
    ranked = prioritise(retail, {})
    # proactive-delay-alerts fixes silent-delay (4): 0.8 x 1 x 1 / 3 = 0.2667
    assert summary(ranked["delivery"]) == [(1, "proactive-delay-alerts", 0.2667)]
    summaries = {ref.summary for ref in ranked["delivery"][0].evidence}
    assert {"volume unknown: 1", "value unknown: 1"} <= summaries


def test_closed_opportunities_leave_the_list(retail: Journey) -> None:
    changed = retail.model_copy(
        update={
            "opportunities": [
                o.model_copy(update={"status": OpportunityStatus.DONE})
                if o.id == "refund-at-drop-off"
                else o.model_copy(update={"status": OpportunityStatus.DISMISSED})
                if o.id == "context-handover"
                else o
                for o in retail.opportunities
            ]
        }
    )
    ranked = prioritise(changed, {})
    # done: the fix is in, neither it nor its insight is listed
    assert ranked["returns"] == []
    # dismissed: the pain is back on the list, severity 3 -> 0.6, effort unknown 3 -> 0.2
    assert summary(ranked["support"]) == [(1, "repeat-the-story", 0.2)]


def test_ties_rank_pain_points_first_then_by_id(retail: Journey) -> None:
    ranked = prioritise(retail, {})
    for items in ranked.values():
        keys = [(-i.expected_impact, i.kind != PriorityKind.PAIN_POINT, i.id) for i in items]
        assert keys == sorted(keys)
        assert [i.rank for i in items] == list(range(1, len(items) + 1))


def test_negativity_formulas() -> None:
    assert combined_negativity([5]) == 1.0
    assert combined_negativity([3, 2]) == pytest.approx(0.76)
    assert combined_negativity([]) == 0.0
    # emotion -2 -> 1, emotion +1 -> 0 (clamped), NPS -50 -> 0.5, CSAT 70 % -> 0.3
    assert evidence_negativity(step_evidence("s", 3, emotion=-2)) == 1.0
    assert evidence_negativity(step_evidence("s", 3, emotion=1)) == 0.0
    assert evidence_negativity(step_evidence("s", 3, nps=-50)) == 0.5
    assert evidence_negativity(step_evidence("s", 3, csat=70)) == pytest.approx(0.3)
    assert evidence_negativity(step_evidence("s", 3)) is None
