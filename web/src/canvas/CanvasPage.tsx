// The journey canvas page: loads the journey, keeps it live (colleagues' changes arrive
// over the websocket), and frames the canvas with undo/redo, zoom, shortcuts, the step
// panel and the messages that matter (a refused stale edit above all).
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Link, useParams } from "react-router";
import { ActualOverlayBar } from "../actual/ActualOverlayBar";
import { api, unwrap } from "../api/client";
import { type Journey, canEdit as roleCanEdit } from "../api/types";
import { freeId, locateStep, usedIds } from "../journey/journeyOps";
import { JourneySession } from "../journey/journeySession";
import { EvidenceProvider, useEvidence } from "../evidence/EvidenceContext";
import { EvidenceTools } from "../evidence/EvidenceTools";
import { useSession } from "../session/SessionContext";
import { CommentsTab } from "../together/CommentsTab";
import { HistoryPanel } from "../together/HistoryPanel";
import { ShareDialog } from "../together/ShareDialog";
import { TogetherTools } from "../together/TogetherTools";
import { useJourneyComments } from "../together/useJourneyComments";
import type { AddInlineHandle } from "../ui/AddInline";
import { Banner } from "../ui/Banner";
import { Dialog } from "../ui/Dialog";
import { InlineText } from "../ui/InlineText";
import { useWorkspace } from "../workspace/WorkspaceContext";
import type { Editor } from "./editor";
import { JourneyCanvas } from "./JourneyCanvas";
import { SHORTCUTS, shortcutFor } from "./shortcuts";
import { StepPanel } from "./StepPanel";
import { type LiveMessage, useLiveJourney } from "./useLiveJourney";
import { useVisibleColumns } from "./useVisibleColumns";
import { useZoomPan } from "./useZoomPan";

/** How many step columns the canvas has (an empty stage keeps one). */
function countColumns(journey: Journey): number {
  return (journey.stages ?? []).reduce((sum, stage) => sum + Math.max(1, stage.steps?.length ?? 0), 0);
}

export function CanvasPage() {
  const { journeyId = "" } = useParams();
  const { workspace } = useWorkspace();
  const [session, setSession] = useState<JourneySession | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setSession(null);
    unwrap(
      api.GET("/workspaces/{workspace_id}/journeys/{journey_id}", {
        params: { path: { workspace_id: workspace.id, journey_id: journeyId } },
      }),
    )
      .then(({ data }) => live && setSession(new JourneySession(api, { workspaceId: workspace.id, journeyId }, data)))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [workspace.id, journeyId]);

  if (error) {
    return (
      <main className="canvas-page">
        <Banner tone="error">{error}</Banner>
        <p>
          <Link to={`/w/${workspace.id}`}>Back to the journeys</Link>
        </p>
      </main>
    );
  }
  if (!session) return <p className="loading">Loading journey…</p>;
  return (
    <EvidenceProvider key={journeyId} journeyId={journeyId}>
      <JourneyView session={session} />
    </EvidenceProvider>
  );
}

function JourneyView({ session }: { session: JourneySession }) {
  const { workspace, nameOf, members } = useWorkspace();
  const { user } = useSession();
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const stack = useSyncExternalStore(session.stack.subscribe, session.stack.getState);
  const [selected, setSelected] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [remote, setRemote] = useState<string | null>(null);
  const [history, setHistory] = useState(false);
  const [sharing, setSharing] = useState(false);
  const comments = useJourneyComments(workspace.id, session.ref.journeyId);
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const addStage = useRef<AddInlineHandle>(null);
  const { zoom, zoomIn, zoomOut, reset, fit, panHandlers } = useZoomPan(viewport, content);
  const evidence = useEvidence();
  const columns = useMemo(() => countColumns(state.journey), [state.journey]);
  const range = useVisibleColumns(viewport, zoom, columns);
  const editable = roleCanEdit(workspace.role);
  const { journey, version, conflict, error, deleted } = state;

  const edit = useMemo<Editor | null>(() => {
    if (!editable) return null;
    const handedOut = new Set<string>();
    return {
      change: (op) => void session.change(op),
      newId: (name, fallback) => {
        const id = freeId(name, new Set([...usedIds(session.getState().journey), ...handedOut]), fallback);
        handedOut.add(id);
        return id;
      },
    };
  }, [editable, session]);

  const onLive = useCallback(
    (message: LiveMessage) => {
      evidence.heard(message.type);
      if (message.type.startsWith("comment.")) void comments.refresh();
      // On (re)connecting: anything missed while the socket was down is loaded now.
      if (message.type === "hello") void session.heard(message.version, message.type);
      if (!message.type.startsWith("journey.")) return;
      const newer = message.version !== null && message.version > session.getState().version;
      if (newer && message.by !== user?.id) setRemote(`${nameOf(message.by)} changed this journey just now.`);
      void session.heard(message.version, message.type);
    },
    [session, user, nameOf, evidence.heard, comments.refresh],
  );
  const poll = useCallback(() => {
    const before = session.getState().version;
    void session.poll().then((version) => {
      if (version > before) setRemote("A colleague changed this journey just now.");
    });
  }, [session]);
  const live = useLiveJourney(workspace.id, session.ref.journeyId, onLive, poll);

  useEffect(() => {
    if (!remote) return;
    const timer = setTimeout(() => setRemote(null), 6000);
    return () => clearTimeout(timer);
  }, [remote]);

  const shift = useCallback(
    (id: string, by: -1 | 1) => {
      const current = session.getState().journey;
      const stages = current.stages ?? [];
      const { stage, index } = locateStep(current, id);
      const holder = stages[stage]!;
      const target = index + by;
      if (target >= 0 && target < (holder.steps?.length ?? 0)) {
        edit?.change({ type: "moveStep", id, stageId: holder.id, to: target });
        return;
      }
      const neighbour = stages[stage + by];
      if (neighbour) edit?.change({ type: "moveStep", id, stageId: neighbour.id, to: by < 0 ? (neighbour.steps?.length ?? 0) : 0 });
    },
    [edit, session],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector("dialog[open]") && event.key !== "?") return;
      const action = shortcutFor(event);
      if (!action) return;
      const editing = action === "undo" || action === "redo" || action === "addStage";
      if (editing && !edit) return;
      event.preventDefault();
      if (action === "undo") void session.undo();
      else if (action === "redo") void session.redo();
      else if (action === "addStage") addStage.current?.open();
      else if (action === "zoomIn") zoomIn();
      else if (action === "zoomOut") zoomOut();
      else if (action === "zoomReset") reset();
      else if (action === "fit") fit();
      else if (action === "close") setSelected(null);
      else if (action === "help") setHelp((open) => !open);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [edit, session, zoomIn, zoomOut, reset, fit]);

  const personas = (journey.personas ?? []).map((persona) => persona.name).join(", ");
  const empty = (journey.stages ?? []).length === 0;
  return (
    <main className="canvas-page" aria-labelledby="journey-title">
      <div className="canvas-head">
        <div className="canvas-title">
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to={`/w/${workspace.id}`}>Journeys</Link> <span aria-hidden="true">/</span>
          </nav>
          <h1 id="journey-title">
            <InlineText
              value={journey.title}
              label="Journey title"
              onSave={edit ? (title) => edit.change({ type: "updateJourney", changes: { title } }) : undefined}
            />
          </h1>
          <div className="journey-meta">
            <span className={`kind kind-${journey.kind ?? "current"}`}>{journey.kind === "desired" ? "Desired" : "Current"}</span>
            {personas && <span>Persona: {personas}</span>}
            {journey.owner && <span>Owner: {journey.owner}</span>}
            <span data-testid="journey-version">Version {version}</span>
            <span className={`live-status live-${live}`} role="status" data-testid="live-status">
              <span aria-hidden="true">●</span> {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Live (checking every few seconds)"}
            </span>
          </div>
        </div>
        <div className="canvas-tools" role="toolbar" aria-label="Canvas tools">
          {edit && (
            <>
              <button
                type="button"
                className="button"
                disabled={!stack.canUndo}
                onClick={() => void session.undo()}
                title={stack.undoLabel ? `Undo ${stack.undoLabel} (Ctrl+Z)` : "Nothing to undo"}
              >
                ↶ Undo
              </button>
              <button
                type="button"
                className="button"
                disabled={!stack.canRedo}
                onClick={() => void session.redo()}
                title={stack.redoLabel ? `Redo ${stack.redoLabel} (Ctrl+Shift+Z)` : "Nothing to redo"}
              >
                ↷ Redo
              </button>
              <span className="tool-gap" />
            </>
          )}
          <div className="zoom-group" role="group" aria-label="Zoom">
            <button type="button" className="button" onClick={zoomOut} aria-label="Zoom out">
              −
            </button>
            <button type="button" className="button zoom-value" onClick={reset} aria-label={`Zoom ${Math.round(zoom * 100)} %, reset to 100 %`}>
              {Math.round(zoom * 100)} %
            </button>
            <button type="button" className="button" onClick={zoomIn} aria-label="Zoom in">
              +
            </button>
            <button type="button" className="button" onClick={fit}>
              Fit
            </button>
          </div>
          <EvidenceTools journey={journey} />
          <TogetherTools
            storyPath={`/w/${workspace.id}/j/${session.ref.journeyId}/story`}
            historyOpen={history}
            onHistory={() => setHistory((open) => !open)}
            onShare={edit ? () => setSharing(true) : undefined}
          />
          <Link className="button" to={`/w/${workspace.id}/j/${session.ref.journeyId}/priorities`}>
            ★ Priorities
          </Link>
          <button type="button" className="button subtle" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
            ⌨ Shortcuts
          </button>
        </div>
      </div>

      {conflict && (
        <Banner
          tone="warning"
          actions={
            <button type="button" className="button primary" onClick={() => void session.reload()}>
              Reload journey
            </button>
          }
        >
          <strong>Your change was not saved.</strong> {conflict.message}
        </Banner>
      )}
      {error && (
        <Banner tone="error" onDismiss={() => session.dismissError()}>
          {error.message}
        </Banner>
      )}
      {deleted && (
        <Banner tone="warning">
          This journey was moved to the bin by a colleague. <Link to={`/w/${workspace.id}`}>Back to the journeys</Link>
        </Banner>
      )}
      {!edit && (
        <Banner tone="info">You can view this journey. Ask an owner of the workspace if you need to edit it.</Banner>
      )}

      <ActualOverlayBar version={version} />
      <div className="canvas-body">
        <div
          className="canvas-viewport"
          ref={viewport}
          tabIndex={0}
          aria-label="Journey map: scroll or drag the background to pan"
          {...panHandlers}
        >
          {empty && (
            <div className="canvas-empty">
              <h2>Start with the stages</h2>
              <p className="muted">
                {edit
                  ? "Add the stages your customer goes through (for example Discover, Buy, Use), then the steps in each."
                  : "This journey has no stages yet."}
              </p>
            </div>
          )}
          <div ref={content} className="canvas-zoom" style={{ zoom }}>
            <JourneyCanvas
              journey={journey}
              edit={edit}
              selectedStepId={selected}
              onSelectStep={(id) => {
                setHistory(false);
                setSelected(id);
              }}
              addStage={addStage}
              range={range}
            />
          </div>
        </div>
        {history ? (
          <HistoryPanel
            workspaceId={workspace.id}
            journeyId={session.ref.journeyId}
            currentVersion={version}
            canRestore={Boolean(edit)}
            nameOf={nameOf}
            reload={() => session.reload()}
            onClose={() => setHistory(false)}
          />
        ) : (
          selected && (
            <StepPanel
              journey={journey}
              stepId={selected}
              edit={edit}
              onClose={() => setSelected(null)}
              onShift={shift}
              discussion={{
                count: comments.onStep(selected).filter((view) => !view.comment.resolved_at).length,
                content: (
                  <CommentsTab
                    workspaceId={workspace.id}
                    journeyId={session.ref.journeyId}
                    stepId={selected}
                    comments={comments.onStep(selected)}
                    members={members.map((member) => member.user)}
                    role={workspace.role}
                    userId={user?.id ?? null}
                    onChanged={comments.refresh}
                  />
                ),
              }}
            />
          )
        )}
      </div>

      {remote && (
        <div className="toast" role="status">
          {remote}
        </div>
      )}
      {edit && (
        <ShareDialog
          open={sharing}
          onClose={() => setSharing(false)}
          workspaceId={workspace.id}
          journeyId={session.ref.journeyId}
          nameOf={nameOf}
        />
      )}
      <Dialog open={help} title="Keyboard shortcuts" onClose={() => setHelp(false)}>
        <dl className="shortcut-list">
          {SHORTCUTS.filter((shortcut) => edit || !shortcut.editorsOnly).map((shortcut) => (
            <div key={shortcut.keys}>
              <dt>
                <kbd>{shortcut.keys}</kbd>
              </dt>
              <dd>{shortcut.does}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
    </main>
  );
}
