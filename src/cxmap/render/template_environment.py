"""The one Jinja2 set-up behind every template cxmap writes (SVG map, HTML page, scaffold)."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

#: Characters XML 1.0 forbids even escaped: C0 controls but tab and line ends, lone
#: surrogates, U+FFFE and U+FFFF. A journey's text may hold them (JSON can say "\u0015").
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> object:
    """`value` with characters XML cannot carry replaced by U+FFFD, so an SVG or HTML map
    of any journey is well-formed (an SVG parser, Typst's included, rejects the whole file
    for one such character); trusted markup stays markup."""
    if not isinstance(value, str) or not _NOT_XML.search(value):
        return value
    cleaned = _NOT_XML.sub("\ufffd", value)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


def template_environment(*, markup: bool) -> Environment:
    """Templates from `render/templates`; `markup` escapes values for SVG/HTML (not YAML)
    and keeps out characters XML cannot carry.

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
        finalize=xml_text if markup else None,
    )
