"""Optimistic concurrency over HTTP: a journey's version is its ETag, a write's If-Match.

A client reads a journey (`ETag: "7"`) and writes with `If-Match: "7"`. A write without
If-Match is refused with 428: guessing would mean a silent overwrite of whatever changed in
between. A stale If-Match, or one that can never match (a weak or malformed tag), reaches
the store as a version no journey has, so the answer is 412 with the current version.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header, Response
from starlette.exceptions import HTTPException

#: No journey is ever at version 0, so an If-Match that names no version fails as stale.
UNMATCHABLE = 0
_STRONG_TAG = re.compile(r'^"?(\d{1,12})"?$')

IfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The ETag of the version this change is based on, e.g. "7" (required).',
    ),
]
OptionalIfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="Optional: the ETag the change is based on; without it the change "
        "applies to the current version.",
    ),
]


def etag(version: int) -> str:
    return f'"{version}"'


def tag_version(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def parse_if_match(value: str) -> int:
    """The version an If-Match names; `UNMATCHABLE` when it names none."""
    tags = [tag.strip() for tag in value.split(",")]
    for tag in tags:
        match = _STRONG_TAG.match(tag)
        if match:
            return int(match.group(1))
    return UNMATCHABLE


def required_version(if_match: str | None) -> int:
    if if_match is None or not if_match.strip():
        raise HTTPException(
            428, 'this change needs an If-Match header with the ETag you read, e.g. If-Match: "7"'
        )
    if if_match.strip() == "*":
        raise HTTPException(
            428, "If-Match: * would overwrite whatever is there; send the ETag you read"
        )
    return parse_if_match(if_match)


def optional_version(if_match: str | None) -> int | None:
    return None if if_match is None or not if_match.strip() else required_version(if_match)
