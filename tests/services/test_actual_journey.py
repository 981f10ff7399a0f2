"""The actual journey of the real 2,000-case log over the shop's desired journey.

The directly-follows counts quoted below are those `cxmap mine` prints for this log (and
that tests/analytics checks against PM4Py): delivery -> contact_support 67,
checkout -> contact_support 52, payment_failed -> contact_support 20, contact_support ->
chat 139, chat -> resolved 98, chat -> complaint 41, payment -> payment_failed 84.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cxmap.model.journey_gap import END_OF_CASE, GapOverlay
from cxmap.services.actual_journey import ActualJourney, overlay_for
from cxmap.services.journey_files import load_journey
from cxmap.services.mining import MineRequest, mine_log, write_result
from tests.conftest import SHARED_DATA

SHOP = Path(__file__).parents[1] / "analytics" / "data" / "shop_desired.yaml"
LOG = SHARED_DATA / "event_logs" / "journey_log_2000.csv"


def mined_now() -> GapOverlay:
    return overlay_for(load_journey(SHOP), SHOP, ActualJourney(log=LOG))


def test_support_activities_hang_from_the_step_most_customers_come_from() -> None:
    extras = {extra.activity: extra for extra in mined_now().extras}
    assert sorted(extras) == ["chat", "complaint", "contact_support", "payment_failed", "resolved"]
    support = extras["contact_support"]
    assert (support.anchor, support.depth) == ("delivery", 0)
    assert support.before == (("Delivery", 67), ("Checkout", 52), ("payment_failed", 20))
    assert support.after == (("chat", 139),)
    assert (extras["chat"].anchor, extras["chat"].depth) == ("delivery", 1)
    assert (extras["resolved"].anchor, extras["resolved"].depth) == ("delivery", 2)
    assert (extras["complaint"].anchor, extras["complaint"].depth) == ("delivery", 2)
    failed = extras["payment_failed"]
    assert (failed.anchor, failed.depth, failed.before) == ("payment", 0, (("Payment", 84),))
    assert extras["resolved"].after[1] == (END_OF_CASE, 34)  # 34 cases end after `resolved`


def test_a_mined_file_and_mining_on_the_spot_draw_the_same_gap(tmp_path: Path) -> None:
    mined = tmp_path / "mined.json"
    write_result(mine_log(MineRequest(log=LOG, journey=SHOP)), mined)
    from_file = overlay_for(load_journey(SHOP), SHOP, ActualJourney(mined=mined))
    assert from_file.source == "mined.json"
    assert from_file == replace(mined_now(), source="mined.json")
