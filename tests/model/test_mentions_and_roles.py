"""@mentions in comment text, and what each workspace role allows."""

from __future__ import annotations

import pytest

from cxmap.model.errors import InvalidInputError
from cxmap.model.mentions import parse_mentions
from cxmap.model.workspace import Role, normalise_email


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("@ana please check", ["ana"]),
        ("thanks @Ana.", ["ana"]),  # the full stop ends the sentence
        ("cc @ana.lopez, @bo_k and @ana.lopez again", ["ana.lopez", "bo_k"]),
        ("ask @ana@example.com!", ["ana@example.com"]),
        ("mail ana@example.com about it", []),  # an address in running text is no mention
        ("(@li) and @-x and @ and @@x", ["li"]),
        ("no mentions here", []),
        ("@ZOE:@zoe", ["zoe"]),
    ],
)
def test_mentions(text: str, handles: list[str]) -> None:
    assert parse_mentions(text) == handles


def test_each_role_includes_the_ones_below() -> None:
    order = [Role.VIEWER, Role.COMMENTER, Role.EDITOR, Role.OWNER]
    for rank, role in enumerate(order):
        assert [role.allows(needed) for needed in order] == [i <= rank for i in range(4)]


def test_emails_are_normalised_or_refused() -> None:
    assert normalise_email(" Ana@Example.ORG ") == "ana@example.org"
    with pytest.raises(InvalidInputError, match="'ana@' is not an email address"):
        normalise_email("ana@")
