// The tabs of a step's panel: its details, the evidence behind it (with how much), and its
// comments when the page offers them. Arrow keys move between the tabs, as in every tab list.
import type { KeyboardEvent } from "react";
import { type PanelTab, useEvidence } from "./EvidenceContext";
import "./evidence.css";

const TABS: { id: PanelTab; label: string }[] = [
  { id: "details", label: "Details" },
  { id: "evidence", label: "Evidence" },
];

/** `comments`: how many open comments the step has; without it there is no Comments tab. */
export function PanelTabs({ stepId, comments }: { stepId: string; comments?: number }) {
  const { tab, setTab, stepEvidence } = useEvidence();
  const items = stepEvidence(stepId)?.items ?? 0;
  const tabs = comments === undefined ? TABS : [...TABS, { id: "comments" as const, label: "Comments" }];
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const at = tabs.findIndex((item) => item.id === tab);
    const next = tabs[(at + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]!.id;
    setTab(next);
    document.getElementById(`step-tab-${next}-label`)?.focus();
  };
  return (
    <div className="panel-tabs" role="tablist" aria-label="Step panel" onKeyDown={onKey}>
      {tabs.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`step-tab-${id}-label`}
          aria-selected={tab === id}
          aria-controls={`step-tab-${id}`}
          tabIndex={tab === id ? 0 : -1}
          className={`panel-tab${tab === id ? " active" : ""}`}
          onClick={() => setTab(id)}
        >
          {label}
          {id === "evidence" && items > 0 && <span className="count-pill">{items.toLocaleString("en-GB")}</span>}
          {id === "comments" && comments ? <span className="count-pill">{comments}</span> : null}
        </button>
      ))}
    </div>
  );
}
