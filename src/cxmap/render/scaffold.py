"""The starter journey `cxmap new` writes: a commented YAML file a newcomer can edit."""

from __future__ import annotations

import re
import unicodedata

import yaml

from cxmap.render.template_environment import template_environment


def yaml_string(text: str) -> str:
    """`text` as one double-quoted YAML scalar that reads back unchanged.

    Jinja's `tojson` writes emoji as UTF-16 surrogate pairs, which YAML reads as two broken
    characters; PyYAML's own emitter escapes them the YAML way.
    """
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10**9).strip()


_environment = template_environment(markup=False)  # YAML: the title goes through `yaml_string`
_environment.filters["yaml_string"] = yaml_string


def slug(title: str) -> str:
    """`Online Purchase (2025)` -> `online-purchase-2025`; `Café` -> `cafe`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return text[:60].strip("-") or "journey"


def scaffold_yaml(title: str, filename: str) -> str:
    template = _environment.get_template("new_journey.yaml.j2")
    return template.render(id=slug(title), title=title, filename=filename)
