// @mentions in comments, as the server reads them (cxmap/model/mentions.py): a handle is a
// member's email, its local part, or the display name joined by dots, all lower case. The
// comment box uses this to suggest members while typing, and the comment list to highlight
// the mentions in a comment's text.
import type { components } from "../api/schema";

export type User = components["schemas"]["User"];

// Not after a letter, digit, '_', '@' or '.', so `ana@example.com` in running text is no mention.
const MENTION = /(?<![\p{L}\p{N}_@.])@([A-Za-z0-9][A-Za-z0-9._-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/gu;
const HANDLE_CHAR = /[A-Za-z0-9._@-]/;

/** Every handle a mention of this user may say (the server's `handles_of`). */
export function handlesOf(user: User): Set<string> {
  const email = user.email.toLowerCase();
  const local = email.split("@", 1)[0] ?? email;
  const name = user.display_name.trim().toLowerCase().replace(/\s+/g, ".");
  return new Set([email, local, name]);
}

/** The handle to insert for a member: the email's local part, or the whole email when
 * another member shares that local part (so the mention names one person). */
export function handleFor(user: User, members: readonly User[]): string {
  const local = user.email.toLowerCase().split("@", 1)[0] ?? "";
  const clash = members.some((other) => other.id !== user.id && handlesOf(other).has(local));
  return clash || !local ? user.email.toLowerCase() : local;
}

export interface MentionQuery {
  /** Where the '@' is. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

/** The mention being typed at `caret`, if the caret sits in an `@handle`. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  let at = caret;
  while (at > 0 && HANDLE_CHAR.test(text[at - 1]!) && text[at - 1] !== "@") at--;
  if (at === 0 || text[at - 1] !== "@") return null;
  const start = at - 1;
  const before = start > 0 ? text[start - 1]! : "";
  if (before && /[\p{L}\p{N}_@.]/u.test(before)) return null;
  return { start, query: text.slice(at, caret) };
}

/** Members whose handle or name begins with `query` (case-insensitive), best first. */
export function suggestMembers(members: readonly User[], query: string, limit = 6): User[] {
  const wanted = query.toLowerCase();
  const rank = (user: User): number => {
    const handles = [...handlesOf(user)];
    if (handles.some((handle) => handle.startsWith(wanted))) return 0;
    const words = user.display_name.toLowerCase().split(/\s+/);
    return words.some((word) => word.startsWith(wanted)) ? 1 : -1;
  };
  return members
    .map((user) => ({ user, rank: rank(user) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.user.display_name.localeCompare(b.user.display_name))
    .slice(0, limit)
    .map((entry) => entry.user);
}

/** The text with the mention at `query` replaced by `@handle ` and where the caret goes. */
export function completeMention(
  text: string,
  caret: number,
  query: MentionQuery,
  handle: string,
): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const after = text.slice(caret).replace(/^[A-Za-z0-9._@-]*\s?/, "");
  return { text: text.slice(0, query.start) + inserted + after, caret: query.start + inserted.length };
}

export type Segment = { kind: "text"; text: string } | { kind: "mention"; text: string; handle: string; user: User | null };

/** A comment's text cut into plain runs and mentions; a mention names the member it means
 * (among `mentioned`, the server's resolution), or no one. */
export function segmentsOf(body: string, mentioned: readonly User[]): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const raw = match[1]!;
    const handle = raw.replace(/[._-]+$/, "");
    const start = match.index;
    const end = start + 1 + handle.length;
    if (start > last) segments.push({ kind: "text", text: body.slice(last, start) });
    const lower = handle.toLowerCase();
    const user = mentioned.find((member) => handlesOf(member).has(lower)) ?? null;
    segments.push({ kind: "mention", text: body.slice(start, end), handle: lower, user });
    last = end;
  }
  if (last < body.length) segments.push({ kind: "text", text: body.slice(last) });
  return segments;
}
