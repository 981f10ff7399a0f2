"""A comment as people read it: who wrote it and which members its @mentions name.

The store keeps the handles as written (`@ana`, `@ana@example.com`); which member a handle
means is decided here, against the workspace's members at the time of reading, so a member
added later is found by an older mention too.
"""

from __future__ import annotations

import re

from cxmap.model.journey_record import Comment
from cxmap.model.workspace import Record, User


class CommentView(Record):
    comment: Comment
    author: User | None
    mentioned: list[User]
    unknown_mentions: list[str]


def handles_of(user: User) -> set[str]:
    """What a mention of this user may say: the email, its local part, or the name joined
    by dots (`Ana López` -> `ana.lópez`), all lower case."""
    local = user.email.split("@", 1)[0]
    name = re.sub(r"\s+", ".", user.display_name.strip().lower())
    return {user.email.lower(), local.lower(), name}


def resolve_mentions(handles: list[str], members: list[User]) -> tuple[list[User], list[str]]:
    """The members the handles name (each once, in mention order) and the handles naming
    nobody. A handle that fits two members names both rather than guessing."""
    found: list[User] = []
    unknown: list[str] = []
    for handle in handles:
        matches = [member for member in members if handle in handles_of(member)]
        if not matches:
            unknown.append(handle)
        found += [member for member in matches if member not in found]
    return found, unknown
