// One action on the board: what to do, its kind, journey and step, the insight it fixes,
// owner and due date. Editors move it by dragging, by the "Move to" menu, or from the
// keyboard (Alt+← / Alt+→ while the card has focus).
import { type KeyboardEvent, useState } from "react";
import type { JourneyLookup } from "../priorities/journeyLookup";
import type { ActionStatus, StoredAction } from "../priorities/priorityTypes";
import { COLUMNS, KIND_NAMES, isOverdue, neighbour } from "./boardState";

export const DRAG_TYPE = "application/x-cxmap-action";

interface Props {
  action: StoredAction;
  lookup: JourneyLookup | null;
  showJourney: boolean;
  canEdit: boolean;
  pending: boolean;
  today: string;
  onMove: (action: StoredAction, to: ActionStatus) => void;
  onEdit: (action: StoredAction) => void;
}

function formatDue(due: string): string {
  const [year, month, day] = due.split("-").map(Number);
  return new Date(year!, (month ?? 1) - 1, day ?? 1).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

export function ActionCard({ action, lookup, showJourney, canEdit, pending, today, onMove, onEdit }: Props) {
  const [menu, setMenu] = useState(false);
  const overdue = isOverdue(action, today);
  const step = action.step ? (lookup?.stepNames.get(action.step) ?? action.step) : null;
  const stage = action.stage ? (lookup?.stageNames.get(action.stage) ?? action.stage) : null;
  const fixes = action.fixes ? (lookup?.insights.get(action.fixes) ?? action.fixes) : null;
  const movable = canEdit && !pending;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!movable || !event.altKey || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    const to = neighbour(action.status, event.key === "ArrowLeft" ? -1 : 1);
    event.preventDefault();
    if (to) onMove(action, to);
  };

  return (
    <article
      className={`action-card kind-${action.kind}${pending ? " pending" : ""}`}
      data-testid="action-card"
      data-action={action.id}
      data-status={action.status}
      tabIndex={0}
      draggable={movable}
      aria-label={`${action.title}, ${KIND_NAMES[action.kind]}`}
      aria-describedby={canEdit ? "board-keys" : undefined}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, action.id);
        event.dataTransfer.setData("text/plain", action.title);
        event.dataTransfer.effectAllowed = "move";
      }}
    >
      <div className="action-kind">{KIND_NAMES[action.kind]}</div>
      <h3 className="action-title">
        {canEdit ? (
          <button type="button" className="link-button" onClick={() => onEdit(action)}>
            {action.title}
          </button>
        ) : (
          action.title
        )}
      </h3>
      <dl className="action-facts">
        {showJourney && (
          <div>
            <dt>Journey</dt>
            <dd>{lookup?.title ?? action.journey}</dd>
          </div>
        )}
        {(stage || step) && (
          <div>
            <dt>Where</dt>
            <dd>{[stage, step].filter(Boolean).join(" › ")}</dd>
          </div>
        )}
        {fixes && (
          <div>
            <dt>Fixes</dt>
            <dd className="action-fixes">{fixes}</dd>
          </div>
        )}
        <div>
          <dt>Owner</dt>
          <dd>{action.owner || <span className="muted">nobody yet</span>}</dd>
        </div>
        {action.due && (
          <div>
            <dt>Due</dt>
            <dd className={overdue ? "overdue" : ""}>
              <time dateTime={action.due}>{formatDue(action.due)}</time>
              {overdue && <strong> · overdue</strong>}
            </dd>
          </div>
        )}
      </dl>
      {pending && (
        <p className="muted small" role="status">
          Saving…
        </p>
      )}
      {movable && (
        <div className="action-buttons">
          {action.status === "suggested" && (
            <>
              <button type="button" className="button small" onClick={() => onMove(action, "accepted")} aria-label={`Accept ${action.title}`}>
                ✓ Accept
              </button>
              <button type="button" className="button subtle small" onClick={() => onMove(action, "dismissed")} aria-label={`Dismiss ${action.title}`}>
                Dismiss
              </button>
            </>
          )}
          <div className="move-menu">
            <button
              type="button"
              className="button subtle small"
              aria-haspopup="menu"
              aria-expanded={menu}
              aria-label={`Move ${action.title}`}
              onClick={() => setMenu((open) => !open)}
              onBlur={(event) => {
                if (!event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) setMenu(false);
              }}
            >
              Move to… <span aria-hidden="true">▾</span>
            </button>
            {menu && (
              <ul className="menu" role="menu" aria-label={`Move ${action.title} to`}>
                {COLUMNS.filter((column) => column.status !== action.status).map((column) => (
                  <li key={column.status} role="none">
                    <button
                      type="button"
                      role="menuitem"
                      onClick={() => {
                        setMenu(false);
                        onMove(action, column.status);
                      }}
                      onKeyDown={(event) => {
                        if (event.key === "Escape") setMenu(false);
                      }}
                    >
                      {column.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
