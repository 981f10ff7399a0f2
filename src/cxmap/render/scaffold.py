"""The starter journey `cxmap new` writes: a commented YAML file a newcomer can edit."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined

_environment = Environment(
    loader=PackageLoader("cxmap.render", "templates"),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,  # YAML, not HTML; the title goes through `tojson`.
)


def slug(title: str) -> str:
    """`Online Purchase (2025)` -> `online-purchase-2025`."""
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:60].strip("-") or "journey"


def scaffold_yaml(title: str, filename: str) -> str:
    template = _environment.get_template("new_journey.yaml.j2")
    return template.render(id=slug(title), title=title, filename=filename)
