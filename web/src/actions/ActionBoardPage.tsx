// The action board: a workspace's actions (or one journey's) in five columns: suggested,
// accepted, in progress, done, dismissed. Editors generate suggestions from the data, add
// and edit actions, and move cards by drag and drop, menu or keyboard; a move shows at
// once and is undone, with a message, if the server refuses it. Exports download as files.
import { type DragEvent, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { StaleVersionError } from "../api/errors";
import { useJourneyChoices, useJourneyLookups } from "../priorities/journeyLookup";
import type { ActionStatus, StoredAction } from "../priorities/priorityTypes";
import { Banner } from "../ui/Banner";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { EXPORTS, exportUrl, listActions, moveAction, suggestActions } from "./actionCalls";
import { DRAG_TYPE, ActionCard } from "./ActionCard";
import { type ActionDraft, ActionDialog } from "./ActionDialog";
import "./actions.css";
import { COLUMNS, EMPTY_BOARD, STATUS_NAMES, boardReducer, columnsOf, today as todayOf } from "./boardState";

export function ActionBoardPage() {
  const { workspace, canEdit } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const journeyId = params.get("journey");
  const [board, dispatch] = useReducer(boardReducer, EMPTY_BOARD);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [dialog, setDialog] = useState<{ action: StoredAction } | { draft: ActionDraft } | null>(null);
  const [over, setOver] = useState<ActionStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const focusAfterMove = useRef<string | null>(null);
  const journeys = useJourneyChoices(workspace.id);
  const lookups = useJourneyLookups(
    workspace.id,
    board.actions.map((action) => action.journey_id),
  );
  const columns = useMemo(() => columnsOf(board.actions), [board.actions]);
  const today = todayOf();

  const refresh = useCallback(() => {
    listActions(workspace.id, journeyId)
      .then((actions) => {
        dispatch({ type: "loaded", actions });
        setLoaded(true);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [workspace.id, journeyId]);

  useEffect(() => {
    setLoaded(false);
    refresh();
  }, [refresh]);

  useEffect(() => {
    const id = focusAfterMove.current;
    if (!id) return;
    focusAfterMove.current = null;
    document.querySelector<HTMLElement>(`[data-action="${id}"]`)?.focus();
  });

  const move = useCallback(
    (action: StoredAction, to: ActionStatus, keepFocus = true) => {
      if (action.status === to || board.pending[action.id]) return;
      dispatch({ type: "moved", id: action.id, to });
      if (keepFocus) focusAfterMove.current = action.id;
      setAnnounce(`“${action.title}” moved to ${STATUS_NAMES[to]}.`);
      moveAction(workspace.id, action, to)
        .then((saved) => dispatch({ type: "saved", action: saved }))
        .catch((failure: unknown) => {
          dispatch({ type: "failed", id: action.id });
          setAnnounce(`“${action.title}” stayed in ${STATUS_NAMES[action.status]}.`);
          if (failure instanceof StaleVersionError) {
            setError(`Someone else changed “${action.title}” since you loaded the board; it was not moved. The board now shows their version.`);
            refresh();
          } else setError(failure instanceof Error ? failure.message : String(failure));
        });
    },
    [board.pending, workspace.id, refresh],
  );

  const suggest = async () => {
    setBusy(true);
    try {
      const outcome = await suggestActions(workspace.id, journeyId);
      dispatch({ type: "added", actions: outcome.added });
      const added = outcome.added.length;
      setNotice(
        added
          ? `${added} new ${added === 1 ? "suggestion" : "suggestions"} from the data${outcome.already_known ? ` (${outcome.already_known} made before are kept as they are)` : ""}.`
          : "No new suggestions: everything the data points at is on the board already.",
      );
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent<HTMLElement>, to: ActionStatus) => {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    const action = board.actions.find((item) => item.id === id);
    if (action) move(action, to, false);
  };

  const filtered = journeys?.find((journey) => journey.id === journeyId) ?? null;
  return (
    <main className="home board-page" aria-labelledby="board-title">
      <div className="page-head">
        <div>
          <h1 id="board-title">Action board</h1>
          <p className="muted">
            {filtered ? (
              <>
                Actions for <Link to={`/w/${workspace.id}/j/${filtered.id}`}>{filtered.title}</Link>
              </>
            ) : (
              `${workspace.name} · every journey`
            )}{" "}
            · {board.actions.length} {board.actions.length === 1 ? "action" : "actions"}
          </p>
        </div>
        <div className="page-actions">
          <details className="export-menu">
            <summary className="button">
              Export <span aria-hidden="true">▾</span>
            </summary>
            <ul className="menu">
              {EXPORTS.map((item) => (
                <li key={item.format}>
                  <a href={exportUrl(workspace.id, item.format, journeyId)} download>
                    {item.name}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          {canEdit && (
            <>
              <button type="button" className="button" onClick={() => void suggest()} disabled={busy}>
                ✦ Suggest actions
              </button>
              <button type="button" className="button primary" onClick={() => setDialog({ draft: { journeyId: journeyId ?? undefined } })}>
                New action
              </button>
            </>
          )}
        </div>
      </div>

      <div className="filters board-filters">
        <label>
          <span className="filter-label">Journey</span>
          <select
            value={journeyId ?? ""}
            onChange={(event) => setParams(event.target.value ? { journey: event.target.value } : {})}
          >
            <option value="">All journeys</option>
            {journeys?.map((journey) => (
              <option key={journey.id} value={journey.id}>
                {journey.title}
              </option>
            ))}
          </select>
        </label>
        {canEdit && (
          <p id="board-keys" className="muted small board-keys">
            Drag a card to another column, use its “Move to…” menu, or focus it and press <kbd>Alt</kbd>+<kbd>←</kbd> /{" "}
            <kbd>Alt</kbd>+<kbd>→</kbd>.
          </p>
        )}
      </div>

      {notice && (
        <Banner tone="info" onDismiss={() => setNotice(null)}>
          {notice}
        </Banner>
      )}
      {error && (
        <Banner tone="error" onDismiss={() => setError(null)}>
          {error}
        </Banner>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>

      {!loaded ? (
        !error && <p className="loading">Loading actions…</p>
      ) : (
        <div className="board" data-testid="action-board">
          {COLUMNS.map((column) => {
            const cards = columns[column.status];
            return (
              <section
                key={column.status}
                className={`board-column column-${column.status}${over === column.status ? " drop-over" : ""}`}
                aria-labelledby={`column-${column.status}`}
                data-testid={`column-${column.status}`}
                onDragOver={(event) => {
                  if (!canEdit || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = "move";
                  setOver(column.status);
                }}
                onDragLeave={(event) => {
                  if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
                }}
                onDrop={(event) => onDrop(event, column.status)}
              >
                <header className="column-head">
                  <h2 id={`column-${column.status}`}>
                    {column.name} <span className="column-count">{cards.length}</span>
                  </h2>
                  <p className="column-hint">{column.hint}</p>
                </header>
                <div className="column-cards">
                  {cards.map((action) => (
                    <ActionCard
                      key={action.id}
                      action={action}
                      lookup={lookups.get(action.journey_id) ?? null}
                      showJourney={!journeyId}
                      canEdit={canEdit}
                      pending={action.id in board.pending}
                      today={today}
                      onMove={move}
                      onEdit={(item) => setDialog({ action: item })}
                    />
                  ))}
                  {cards.length === 0 && <p className="column-empty">Nothing here</p>}
                </div>
              </section>
            );
          })}
        </div>
      )}

      <ActionDialog
        workspaceId={workspace.id}
        subject={dialog}
        journeys={journeys ?? []}
        onClose={() => setDialog(null)}
        onStale={refresh}
        onSaved={(action, created) => {
          setDialog(null);
          if (created) {
            if (!journeyId || action.journey_id === journeyId) dispatch({ type: "added", actions: [action] });
            setNotice(`“${action.title}” was added to ${STATUS_NAMES[action.status]}.`);
          } else dispatch({ type: "saved", action });
        }}
      />
    </main>
  );
}
