// One line for each entry of a journey's history: what its JSON Patch (RFC 6902) did, in
// words ("Renamed a step", "Added a stage; changed step emotion"), so the list says more
// than "update" without fetching every version.
import type { components } from "../api/schema";

export type Revision = components["schemas"]["Revision"];
export interface PatchOp {
  op: string;
  path: string;
  from?: string;
}

/** Paths the server keeps in the document for itself: never news to a reader. */
const BOOKKEEPING = new Set(["version", "updated_at"]);
const WORDS: Record<string, string> = {
  insights: "pain points and gains",
  opportunities: "opportunities",
  personas: "personas",
  stakeholders: "stakeholders",
  lanes: "lane items",
  next: "branches",
  start: "entry steps",
  updated_at: "time",
};
const MAX_PHRASES = 3;

function segments(path: string): string[] {
  return path
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const isIndex = (part: string | undefined): boolean => part !== undefined && /^(\d+|-)$/.test(part);
const fieldWord = (field: string): string => WORDS[field] ?? field.replace(/_/g, " ");

/** The phrase for one operation, or null for bookkeeping. */
export function phraseOf(op: PatchOp): string | null {
  const parts = segments(op.path);
  const [top, stageAt, under, stepAt, field] = parts;
  if (!top || (parts.length === 1 && BOOKKEEPING.has(top))) return null;
  const verb = op.op === "add" ? "added" : op.op === "remove" ? "removed" : op.op === "move" ? "moved" : "changed";
  if (top === "stages" && isIndex(stageAt)) {
    if (under === "steps" && isIndex(stepAt)) {
      if (!field) return op.op === "replace" ? "replaced a step" : `${verb} a step`;
      if (field === "name" && op.op === "replace") return "renamed a step";
      return `changed step ${fieldWord(field)}`;
    }
    if (under === undefined) return op.op === "replace" ? "replaced a stage" : `${verb} a stage`;
    if (under === "name" && op.op === "replace") return "renamed a stage";
    if (under === "steps") return "changed the steps";
    return `changed stage ${fieldWord(under)}`;
  }
  if (top === "stages") return "changed the stages";
  if ((top === "insights" || top === "opportunities") && isIndex(stageAt) && !under) {
    const thing = top === "insights" ? "a pain point or gain" : "an opportunity";
    return op.op === "replace" ? `changed ${thing}` : `${verb} ${thing}`;
  }
  return `changed ${fieldWord(top)}`;
}

/** What a revision did, in one line. */
export function summarize(revision: Pick<Revision, "action" | "diff" | "restored_from">): string {
  switch (revision.action) {
    case "create":
      return "Created the journey";
    case "restore":
      return revision.restored_from ? `Restored version ${revision.restored_from}` : "Restored an earlier version";
    case "delete":
      return "Moved to the bin";
    case "undelete":
      return "Brought back from the bin";
    default:
      break;
  }
  const phrases: string[] = [];
  for (const op of revision.diff as unknown as PatchOp[]) {
    const phrase = phraseOf(op);
    if (phrase && !phrases.includes(phrase)) phrases.push(phrase);
  }
  if (phrases.length === 0) return "Saved without visible changes";
  const shown = phrases.slice(0, MAX_PHRASES).join("; ");
  const more = phrases.length > MAX_PHRASES ? ` and ${phrases.length - MAX_PHRASES} more` : "";
  return shown.charAt(0).toUpperCase() + shown.slice(1) + more;
}
