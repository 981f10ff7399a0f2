"""Who a comment calls on: the `@handle` mentions in its text.

Parsed once when a comment is written and stored beside it, so notifying people and
listing "comments that mention me" need no text search. A handle is a member's email
(`@ana@example.com`) or a short name (`@ana`, `@ana.lopez`); which member it means is
decided by the caller, who knows the workspace's members.
"""

from __future__ import annotations

import re

# Not after a word character, '@' or '.', so `ana@example.com` in running text is no mention.
_MENTION = re.compile(
    r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)"
)


def parse_mentions(text: str) -> list[str]:
    """The handles mentioned in `text`, lower-cased, each once, in order of first mention.

    A full stop, hyphen or underscore at the end belongs to the sentence, not the handle
    ("thanks @ana." mentions `ana`).
    """
    handles: list[str] = []
    for match in _MENTION.finditer(text):
        handle = match.group(1).rstrip("._-").lower()
        if handle not in handles:
            handles.append(handle)
    return handles
