"""Editing parts of a journey document: pure functions, checked on small documents by hand
and on RFC 7396's own merge-patch examples."""

from __future__ import annotations

from typing import Any

import pytest

from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.model.journey_edits import (
    AnchorKind,
    PartKind,
    edit_lane,
    insert_part,
    lane_items,
    locate,
    merge_patch,
    remove_part,
    replace_part,
)


def document() -> dict[str, Any]:
    return {
        "id": "j",
        "title": "J",
        "stages": [
            {"id": "a", "name": "A", "steps": [{"id": "a1", "name": "A1"}]},
            {
                "id": "b",
                "name": "B",
                "steps": [{"id": "b1", "name": "B1"}, {"id": "b2", "name": "B2"}],
            },
        ],
        "insights": [{"id": "i", "title": "I", "step": "b1"}],
    }


# RFC 7396, Appendix A (a selection, including null removal and array replacement).
@pytest.mark.parametrize(
    ("target", "patch", "result"),
    [
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
        ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
        (["a", "b"], ["c", "d"], ["c", "d"]),
        ({"a": "b"}, ["c"], ["c"]),
        ({"a": "foo"}, None, None),
        ({"a": "foo"}, "bar", "bar"),
        ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ],
)
def test_merge_patch_follows_rfc_7396(target: Any, patch: Any, result: Any) -> None:
    assert merge_patch(target, patch) == result


def test_steps_are_located_across_stages_and_near_misses_are_suggested() -> None:
    assert locate(document(), PartKind.STEP, "b2") == ("stages", 1, "steps", 1)
    with pytest.raises(NotFoundError, match="did you mean 'b2'"):
        locate(document(), PartKind.STEP, "b22")


def test_insert_clamps_the_position_and_leaves_the_input_alone() -> None:
    original = document()
    edited, path = insert_part(original, PartKind.STEP, {"id": "x"}, stage_id="b", position=99)
    assert path == ("stages", 1, "steps", 2)
    assert [s["id"] for s in edited["stages"][1]["steps"]] == ["b1", "b2", "x"]
    first, _ = insert_part(original, PartKind.STAGE, {"id": "s"}, position=0)
    assert [s["id"] for s in first["stages"]] == ["s", "a", "b"]
    assert original == document()
    with pytest.raises(InvalidInputError):
        insert_part(original, PartKind.STEP, {"id": "x"})


def test_replace_keeps_the_id_of_the_url_and_refuses_a_different_one() -> None:
    edited, path = replace_part(document(), PartKind.INSIGHT, "i", {"title": "New", "step": "a1"})
    assert edited["insights"] == [{"id": "i", "title": "New", "step": "a1"}]
    assert path == ("insights", 0)
    with pytest.raises(InvalidInputError) as caught:
        replace_part(document(), PartKind.STAGE, "a", {"id": "z", "name": "Z"})
    assert caught.value.problems[0].dotted_path == "stages[0].id"


def test_remove_takes_out_exactly_the_part() -> None:
    edited = remove_part(document(), PartKind.STAGE, "a")
    assert [s["id"] for s in edited["stages"]] == ["b"]


def test_lane_items_are_added_replaced_and_removed_by_index() -> None:
    doc, path = edit_lane(document(), AnchorKind.STEP, "a1", "support", index=None, item="Ops")
    assert path == ("stages", 0, "steps", 0, "lanes", "support", 0)
    doc, _ = edit_lane(doc, AnchorKind.STEP, "a1", "support", index=0, item={"text": "IT"})
    assert lane_items(doc, AnchorKind.STEP, "a1", "support") == [{"text": "IT"}]
    doc, _ = edit_lane(doc, AnchorKind.STEP, "a1", "support", index=0, item=None)
    assert lane_items(doc, AnchorKind.STEP, "a1", "support") == []
    with pytest.raises(NotFoundError):
        edit_lane(doc, AnchorKind.STEP, "a1", "support", index=0, item=None)
    with pytest.raises(InvalidInputError, match="not a text lane"):
        lane_items(doc, AnchorKind.STAGE, "a", "emotions")
