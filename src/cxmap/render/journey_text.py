"""A journey written back out as YAML or JSON, deterministic and as short as it can be.

Defaults are left out so a written file reads like a hand-written one; reading it back gives
an equal `Journey` (the round trip is tested with generated journeys).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from cxmap.model.journey import SCHEMA_VERSION, Journey


def journey_data(journey: Journey) -> dict[str, Any]:
    """Plain data for the file: defaults omitted, `cxmap` version first, whole numbers as ints."""
    data = journey.model_dump(mode="json", exclude_defaults=True)
    data.pop("cxmap", None)
    tidy: dict[str, Any] = _tidy({"cxmap": journey.cxmap or SCHEMA_VERSION, **data})
    return tidy


def _tidy(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"text"}:  # a lane item with only text: write the short form
            return value["text"]
        return {key: _tidy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def journey_to_yaml(journey: Journey) -> str:
    return yaml.safe_dump(
        journey_data(journey),
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def journey_to_json(journey: Journey) -> str:
    return json.dumps(journey_data(journey), ensure_ascii=False, indent=2) + "\n"
