"""Seeded customer-journey event logs of any size, fast enough for ten million events.

The process follows ../shared/data/event_logs/gen_journey_log.py (ad, site, browsing loops,
cart loops, skipped browsing, checkout, failing payments with retries, a support branch
that opens at checkout, after a failed payment or after delivery, segment-specific
drop-offs, reviews), but every case advances one event per round with NumPy, so a round
costs the same for a thousand cases or two million. Same seed, same log.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ACTIVITIES = [
    "ad_click",
    "visit_site",
    "browse",
    "add_to_cart",
    "checkout",
    "payment",
    "payment_failed",
    "order_confirmed",
    "delivery",
    "review",
    "contact_support",
    "chat",
    "resolved",
    "complaint",
]
(AD, VISIT, BROWSE, CART, CHECKOUT, PAY, FAILED, CONFIRMED, DELIVERY, REVIEW) = range(10)
SUPPORT, CHAT, RESOLVED, COMPLAINT = range(10, 14)
END = -1
SEGMENTS = ["new", "returning", "loyal", "business"]
SEGMENT_P = [0.45, 0.30, 0.18, 0.07]
#                 ad    app  bounce browse cart  chk  skip  review  (drop-offs per stage)
PROFILE = np.array(
    [
        [0.75, 0.30, 0.25, 0.35, 0.30, 0.12, 0.00, 0.30],
        [0.40, 0.45, 0.12, 0.20, 0.20, 0.10, 0.15, 0.35],
        [0.25, 0.65, 0.06, 0.12, 0.10, 0.06, 0.25, 0.45],
        [0.30, 0.10, 0.08, 0.15, 0.15, 0.08, 0.10, 0.20],
    ]
)
P_AD, P_APP, P_BOUNCE, P_BROWSE_DROP, P_CART_DROP, P_CHK_DROP, P_SKIP, P_REVIEW = range(8)
#: Median seconds before each activity and the lognormal sigma.
GAP = np.array(
    [
        (12, 0.8), (12, 0.8), (60, 0.9), (45, 0.8), (240, 1.0), (90, 0.7), (20, 0.5),
        (15, 0.5), (2.5 * 86400, 0.4), (2 * 86400, 0.8), (600, 1.0), (300, 0.9),
        (900, 0.7), (1200, 0.7),
    ]
)  # fmt: skip
CHANNELS = ["web", "app", "social", "search", "display", "email", "phone", "chat", "courier"]
START = np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)


class _Cases:
    """The state of every case, one array per attribute."""

    def __init__(self, rng: np.random.Generator, n: int) -> None:
        self.rng = rng
        self.segment = rng.choice(4, size=n, p=SEGMENT_P)
        profile = PROFILE[self.segment]
        self.profile = profile
        self.device = (rng.random(n) < profile[:, P_APP]).astype(np.int64)
        self.time = START + rng.integers(0, 90 * 86400, size=n)
        self.browse_left = np.zeros(n, np.int64)
        self.loops = np.zeros(n, np.int64)
        self.attempts = np.zeros(n, np.int64)
        self.back_to = np.zeros(n, np.int64)  # after support: 0 checkout, 1 payment, 2 delivery
        self.complained = np.zeros(n, bool)
        self.state = np.where(rng.random(n) < profile[:, P_AD], AD, VISIT)

    def draw(self, index: np.ndarray) -> np.ndarray:
        return self.rng.random(index.size)


def _browse_run(rng: np.random.Generator, size: int) -> np.ndarray:
    runs: np.ndarray = np.minimum(rng.geometric(0.55, size=size) - 1, 5)
    return runs


def _next_states(cases: _Cases, index: np.ndarray) -> np.ndarray:
    """Where each active case goes after its current activity (END when it stops)."""
    rng, state, prof = cases.rng, cases.state[index], cases.profile[index]
    r, r2 = cases.draw(index), cases.draw(index)
    nxt = np.full(index.size, END)
    nxt[state == AD] = VISIT
    visit = state == VISIT
    skip = r2 < prof[:, P_SKIP]
    nxt[visit] = np.where(
        r[visit] < prof[visit, P_BOUNCE], END, np.where(skip[visit], CART, BROWSE)
    )
    cases.browse_left[index[visit]] = _browse_run(rng, int(visit.sum()))
    browse = state == BROWSE
    more = cases.browse_left[index] > 0
    cases.browse_left[index[browse & more]] -= 1
    dropped = r < prof[:, P_BROWSE_DROP]
    nxt[browse] = np.where(more[browse], BROWSE, np.where(dropped[browse], END, CART))
    cart = state == CART
    loop = (cases.loops[index] < 2) & (r < 0.25)
    cases.loops[index[cart & loop]] += 1
    cases.browse_left[index[cart & loop]] = _browse_run(rng, int((cart & loop).sum()))
    nxt[cart] = np.where(
        loop[cart], BROWSE, np.where(r2[cart] < prof[cart, P_CART_DROP], END, CHECKOUT)
    )
    checkout = state == CHECKOUT
    nxt[checkout] = np.where(
        r[checkout] < 0.06, SUPPORT, np.where(r2[checkout] < prof[checkout, P_CHK_DROP], END, PAY)
    )
    cases.back_to[index[checkout]] = 0
    pay = state == PAY
    cases.attempts[index[pay]] += 1
    nxt[pay] = np.where(r[pay] < 0.08, FAILED, CONFIRMED)
    failed = state == FAILED
    give_up = (cases.attempts[index] >= 3) | (r < 0.15)
    nxt[failed] = np.where(give_up[failed], END, np.where(r[failed] < 0.40, SUPPORT, PAY))
    cases.back_to[index[failed]] = 1
    nxt[state == CONFIRMED] = DELIVERY
    delivery = state == DELIVERY
    nxt[delivery] = np.where(
        r[delivery] < 0.10, SUPPORT, np.where(r2[delivery] < prof[delivery, P_REVIEW], REVIEW, END)
    )
    cases.back_to[index[delivery]] = 2
    nxt[state == SUPPORT] = CHAT
    chat = state == CHAT
    nxt[chat] = np.where(r[chat] < 0.75, RESOLVED, COMPLAINT)
    _after_support(cases, index, state, prof, r, r2, nxt)
    return nxt  # fmt: skip


def _after_support(
    cases: _Cases,
    index: np.ndarray,
    state: np.ndarray,
    prof: np.ndarray,
    r: np.ndarray,
    r2: np.ndarray,
    nxt: np.ndarray,
) -> None:
    done = (state == RESOLVED) | ((state == COMPLAINT) & (r >= 0.60))
    cases.complained[index[state == COMPLAINT]] = True
    back = cases.back_to[index]
    review = r2 < prof[:, P_REVIEW] * np.where(cases.complained[index], 0.6, 1.0)
    again = np.where(back == 0, np.where(r2 < prof[:, P_CHK_DROP], END, PAY), PAY)
    again = np.where(back == 2, np.where(review, REVIEW, END), again)
    nxt[done] = again[done]


def _channels(cases: _Cases, index: np.ndarray, state: np.ndarray) -> np.ndarray:
    rng = cases.rng
    switch = rng.random(index.size) < 0.05
    cases.device[index[switch]] = 1 - cases.device[index[switch]]
    channel: np.ndarray = cases.device[index].copy()
    ad = state == AD
    channel[ad] = 2 + rng.choice(4, size=int(ad.sum()), p=[0.4, 0.35, 0.1, 0.15])
    support = state == SUPPORT
    channel[support] = rng.choice([6, 5, 0, 1], size=int(support.sum()), p=[0.35, 0.2, 0.3, 0.15])
    channel[np.isin(state, [CHAT, RESOLVED, COMPLAINT])] = 7
    channel[state == CONFIRMED] = 5
    channel[state == DELIVERY] = 8
    return channel


def generate(cases: int, seed: int = 42) -> pa.Table:
    """A log of `cases` journeys: case_id, activity, timestamp, channel, customer_segment."""
    rng = np.random.default_rng(seed)
    state = _Cases(rng, cases)
    parts: list[tuple[np.ndarray, ...]] = []
    active = np.arange(cases)
    while active.size:
        current = state.state[active]
        parts.append(
            (active, current, state.time[active].copy(), _channels(state, active, current))
        )
        following = _next_states(state, active)
        going = following != END
        active, following = active[going], following[going]
        gap = rng.lognormal(np.log(GAP[following, 0]), GAP[following, 1])
        late = (
            (following == CHECKOUT) & (state.segment[active] > 0) & (rng.random(active.size) < 0.1)
        )
        gap[late] = rng.uniform(1, 3, size=int(late.sum())) * 86400
        state.time[active] += np.maximum(1, np.rint(gap)).astype(np.int64)
        state.state[active] = following
    return _table(parts, state.segment, cases)  # fmt: skip


def _table(parts: list[tuple[np.ndarray, ...]], segment: np.ndarray, cases: int) -> pa.Table:
    case, activity, time, channel = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((time, case))
    case, activity, time, channel = case[order], activity[order], time[order], channel[order]
    width = max(6, len(str(cases)))
    names = pa.array(np.char.add("C", np.char.zfill(np.arange(1, cases + 1).astype(str), width)))
    return pa.table(
        {
            "case_id": names.take(pa.array(case)),
            "activity": pa.array(ACTIVITIES).take(pa.array(activity)),
            "timestamp": pa.array(time, pa.timestamp("s", tz="UTC")),
            "channel": pa.array(CHANNELS).take(pa.array(channel)),
            "customer_segment": pa.array(SEGMENTS).take(pa.array(segment[case])),
        }
    )


def write_log(path: Path, events: int, seed: int = 42) -> Path:
    """A Parquet log with about `events` events (about 6.2 events per case), made once."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(generate(max(1, round(events / 6.2)), seed), path)
    return path
