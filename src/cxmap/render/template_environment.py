"""The one Jinja2 set-up behind every template cxmap writes (SVG map, HTML page, scaffold)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined


def template_environment(*, markup: bool) -> Environment:
    """Templates from `render/templates`; `markup` escapes values for SVG/HTML (not YAML).

    Undefined names fail loudly, and block tags leave no stray blank lines, so the output is
    exactly what the template shows (the golden SVG tests depend on it).
    """
    return Environment(
        loader=PackageLoader("cxmap.render", "templates"),
        autoescape=markup,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
