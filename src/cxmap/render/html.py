"""The map as one standalone HTML page: the SVG inline, a title, a legend, print styles.

No scripts, fonts or images are fetched, so the file can be mailed, attached to a ticket or
opened offline, and prints landscape on one page width.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Template
from markupsafe import Markup

from cxmap.model.journey import Journey
from cxmap.model.layout import journey_facts
from cxmap.render.template_environment import template_environment


@cache
def _template() -> Template:
    environment = template_environment(markup=True)
    return environment.get_template("map.html.j2")


def journey_to_html(journey: Journey, svg: str) -> str:
    """The page for `journey`, around `svg` (the output of `render.svg`, trusted markup)."""
    return _template().render(
        title=journey.title,
        facts=journey_facts(journey),
        description=journey.description,
        journey_id=journey.id,
        version=journey.version,
        svg=Markup(svg.strip()),  # our own SVG, its user text already escaped
    )
