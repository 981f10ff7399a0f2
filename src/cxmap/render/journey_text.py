"""A journey written back out as YAML or JSON, deterministic and as short as it can be.

Defaults are left out so a written file reads like a hand-written one; reading it back gives
an equal `Journey` (the round trip is tested with generated journeys).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from cxmap.model.journey import SCHEMA_VERSION, Journey


def journey_data(journey: Journey) -> dict[str, Any]:
    """Plain data for the file: defaults omitted, `cxmap` version first, whole numbers as ints."""
    data = journey.model_dump(mode="json", exclude_defaults=True)
    data.pop("cxmap", None)
    tidy: dict[str, Any] = _tidy({"cxmap": journey.cxmap or SCHEMA_VERSION, **data})
    return tidy


def _tidy(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        tidy = {name: _tidy(item, str(name)) for name, item in value.items()}
        if key == "lanes":  # a stage's or step's lane items; only these have a short form
            return {lane: [_short_item(item) for item in items] for lane, items in tidy.items()}
        return tidy
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _short_item(item: Any) -> Any:
    """A lane item with only text is written as that text (`- Looks`, not `- text: Looks`)."""
    return item["text"] if isinstance(item, dict) and set(item) == {"text"} else item


_YAML_ONLY_BREAKS = re.compile("[\r\x85\u2028\u2029]")


class _JourneyDumper(yaml.SafeDumper):
    """PyYAML writes NEL, CR and the Unicode line separators raw inside quotes, where reading
    folds them into spaces; such strings are double-quoted so they are escaped instead."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _YAML_ONLY_BREAKS.search(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_JourneyDumper.add_representer(str, _represent_text)


def journey_to_yaml(journey: Journey) -> str:
    return yaml.dump(
        journey_data(journey),
        Dumper=_JourneyDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def journey_to_json(journey: Journey) -> str:
    return json.dumps(journey_data(journey), ensure_ascii=False, indent=2) + "\n"
