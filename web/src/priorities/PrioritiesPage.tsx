// The workspace's priorities: journeys ranked by score 1..100 with each criterion's part,
// weight sliders that re-rank live (a what-if, until an editor saves), the sensitivity
// of the ranking to ±20 % on any weight, and the score inputs of each journey.
import { useMemo, useState } from "react";
import { Banner } from "../ui/Banner";
import { useWorkspace } from "../workspace/WorkspaceContext";
import "./priorities.css";
import type { RankedScore } from "./priorityTypes";
import { anyMoved } from "./rankingDiff";
import { RankingList } from "./RankingList";
import { ScoreInputsDialog } from "./ScoreInputsDialog";
import { SensitivityView } from "./SensitivityView";
import { useScoring } from "./useScoring";
import { WeightPanel } from "./WeightPanel";

export function PrioritiesPage() {
  const { workspace, canEdit } = useWorkspace();
  const scoring = useScoring(workspace.id);
  const [editing, setEditing] = useState<RankedScore | null>(null);
  const { saved, draft, live, moves } = scoring;
  const titles = useMemo(
    () => new Map((live?.ranking ?? []).map((item) => [item.score.subject_id, item.title])),
    [live],
  );
  const scale = saved?.settings.scale;
  const moved = anyMoved(moves);

  return (
    <main className="home priorities-page" aria-labelledby="priorities-title">
      <div className="page-head">
        <div>
          <h1 id="priorities-title">Priorities</h1>
          <p className="muted">
            {workspace.name} · journeys ranked by priority score: 100 means focus here first
          </p>
        </div>
      </div>
      {scoring.conflict && (
        <Banner
          tone="warning"
          actions={
            <button type="button" className="button primary" onClick={() => scoring.reload(false)}>
              Load their weights
            </button>
          }
        >
          <strong>Your weights were not saved.</strong> {scoring.conflict}
        </Banner>
      )}
      {scoring.error && (
        <Banner tone="error" onDismiss={scoring.dismissError}>
          {scoring.error}
        </Banner>
      )}
      {!live || !saved || !draft ? (
        !scoring.error && <p className="loading">Scoring the journeys…</p>
      ) : (
        <div className="priorities-layout">
          <div className="priorities-main">
            <div className="ranking-status" role="status" aria-live="polite" data-testid="ranking-status">
              {scoring.dirty
                ? moved
                  ? "What-if ranking: the marks show each journey's move against the saved weights."
                  : "What-if ranking: no journey changes place yet."
                : `Ranked with the saved weights (${live.ranking.length} ${live.ranking.length === 1 ? "journey" : "journeys"}).`}
            </div>
            <RankingList
              workspaceId={workspace.id}
              ranking={live.ranking}
              moves={moves}
              canEdit={canEdit}
              onEditInputs={setEditing}
            />
            <SensitivityView report={scoring.sensitivity} titles={titles} />
          </div>
          <aside className="priorities-side">
            <WeightPanel
              draft={draft}
              savedVersion={saved.version}
              dirty={scoring.dirty}
              noWeight={scoring.noWeight}
              canEdit={canEdit}
              saving={scoring.saving}
              onChange={scoring.setWeight}
              onReset={scoring.resetDraft}
              onSave={() => void scoring.save()}
            />
          </aside>
        </div>
      )}
      <ScoreInputsDialog
        workspaceId={workspace.id}
        journey={editing}
        currency={scale?.currency ?? "EUR"}
        period={scale?.period ?? "year"}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          scoring.reload(true);
        }}
      />
    </main>
  );
}
