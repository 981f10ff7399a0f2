// One journey's priorities, reached from its canvas: its score with each criterion's
// part, and per lifecycle stage the pain points and opportunities ranked by expected
// impact with the evidence behind each. Editors turn an item into an action in one step.
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { ActionDialog, type ActionDraft } from "../actions/ActionDialog";
import "../actions/actions.css";
import { Banner } from "../ui/Banner";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { type JourneyLookup, loadLookup, useJourneyChoices } from "./journeyLookup";
import "./priorities.css";
import type { JourneyPriorities, JourneyScores, PriorityItem } from "./priorityTypes";
import { ScoreBar } from "./ScoreBar";
import { StagePriorityList } from "./StagePriorityList";

/** The insight an action for `item` fixes: a pain point is one; an opportunity names its own. */
export function insightFixedBy(item: PriorityItem, lookup: JourneyLookup | null): string | null {
  if (item.kind === "pain_point") return lookup?.insights.has(item.id) ? item.id : null;
  const own = lookup?.opportunities.get(item.id)?.fixes[0];
  return own ?? item.evidence?.find((ref) => ref.kind === "insight")?.ref ?? null;
}

export function JourneyPrioritiesPage() {
  const { journeyId = "" } = useParams();
  const { workspace, canEdit } = useWorkspace();
  const [lookup, setLookup] = useState<JourneyLookup | null>(null);
  const [priorities, setPriorities] = useState<JourneyPriorities | null>(null);
  const [scores, setScores] = useState<JourneyScores | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<ActionDraft | null>(null);
  const journeys = useJourneyChoices(workspace.id);

  useEffect(() => {
    let live = true;
    const path = { workspace_id: workspace.id, journey_id: journeyId };
    Promise.all([
      loadLookup(workspace.id, journeyId),
      unwrap(api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/priorities", { params: { path } })),
      unwrap(api.POST("/workspaces/{workspace_id}/journeys/{journey_id}/score", { params: { path } })),
    ])
      .then(([found, ranked, scored]) => {
        if (!live) return;
        setLookup(found);
        setPriorities(ranked.data);
        setScores(scored.data);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [workspace.id, journeyId]);

  const stageScores = useMemo(
    () => new Map((scores?.parts ?? []).filter((part) => part.subject_kind === "stage").map((part) => [part.subject_id, part])),
    [scores],
  );
  const maxImpact = useMemo(
    () => Math.max(0, ...(priorities?.stages ?? []).flatMap((stage) => stage.items.map((item) => item.expected_impact))),
    [priorities],
  );
  const dialogSubject = useMemo(() => (draft ? { draft } : null), [draft]);
  const itemCount = priorities?.stages.reduce((sum, stage) => sum + stage.items.length, 0) ?? 0;

  const createFor = (item: PriorityItem) =>
    setDraft({
      journeyId,
      kind: "product_change",
      title: item.title,
      stage: item.stage,
      step: item.step,
      fixes: insightFixedBy(item, lookup),
    });

  return (
    <main className="home journey-priorities-page" aria-labelledby="journey-priorities-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/w/${workspace.id}`}>Journeys</Link> <span aria-hidden="true">/</span>{" "}
        <Link to={`/w/${workspace.id}/j/${journeyId}`}>{lookup?.title ?? "Journey"}</Link> <span aria-hidden="true">/</span>
      </nav>
      <div className="page-head">
        <div>
          <h1 id="journey-priorities-title">Priorities{lookup ? ` · ${lookup.title}` : ""}</h1>
          <p className="muted">Pain points and opportunities per stage, by expected impact = volume × negativity × value ÷ effort.</p>
        </div>
        <div className="page-actions">
          <Link className="button" to={`/w/${workspace.id}/j/${journeyId}`}>
            ← Map
          </Link>
          <Link className="button" to={`/w/${workspace.id}/actions?journey=${journeyId}`}>
            Action board
          </Link>
          <Link className="button" to={`/w/${workspace.id}/priorities`}>
            All journeys ranked
          </Link>
        </div>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      {notice && (
        <Banner tone="info" onDismiss={() => setNotice(null)}>
          {notice} <Link to={`/w/${workspace.id}/actions?journey=${journeyId}`}>Open the action board</Link>
        </Banner>
      )}
      {!priorities || !scores ? (
        !error && <p className="loading">Prioritising…</p>
      ) : (
        <>
          <section className="journey-score-card" aria-labelledby="journey-score-title">
            <div className="journey-score-value">
              <h2 id="journey-score-title">Journey score</h2>
              <strong data-testid="journey-score">{scores.journey.value ?? "—"}</strong>
              <span className="muted small">/ 100</span>
            </div>
            <div className="journey-score-bar">
              <ScoreBar score={scores.journey} />
              <p className="muted small formula">{scores.journey.formula}</p>
            </div>
          </section>
          {itemCount === 0 && (
            <p className="muted">
              No pain points or opportunities yet: add them on the map, or import evidence so pain shows up by itself.
            </p>
          )}
          <div className="stage-priority-grid">
            {priorities.stages.map((stage) => (
              <StagePriorityList
                key={stage.stage}
                stage={stage}
                score={stageScores.get(stage.stage) ?? null}
                lookup={lookup}
                maxImpact={maxImpact}
                canEdit={canEdit}
                onCreateAction={createFor}
              />
            ))}
          </div>
        </>
      )}
      <ActionDialog
        workspaceId={workspace.id}
        subject={dialogSubject}
        journeys={journeys ?? []}
        onClose={() => setDraft(null)}
        onSaved={(action) => {
          setDraft(null);
          setNotice(`“${action.title}” was added to the action board.`);
        }}
      />
    </main>
  );
}
