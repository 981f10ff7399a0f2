// The workspace's journeys ranked by priority score (rank 1 = focus first), each with its
// breakdown, its move against the saved weights (↑2, ↓1, said in words too) and, for
// editors, a way to enter its score inputs.
import { Link } from "react-router";
import type { RankedScore } from "./priorityTypes";
import { type RankMove, moveMark, moveWords } from "./rankingDiff";
import { ScoreBar } from "./ScoreBar";
import { useFlip } from "./useFlip";

interface Props {
  workspaceId: string;
  ranking: RankedScore[];
  moves: Map<string, RankMove>;
  canEdit: boolean;
  onEditInputs: (item: RankedScore) => void;
}

export function RankingList({ workspaceId, ranking, moves, canEdit, onEditInputs }: Props) {
  const rowRef = useFlip(ranking.map((item) => item.journey_id));
  if (!ranking.length) {
    return (
      <div className="empty-state">
        <h2>No journeys to rank yet</h2>
        <p className="muted">Add journeys to the workspace; each one is scored as soon as one input is known.</p>
      </div>
    );
  }
  return (
    <ol className="ranking" aria-label="Journeys by priority">
      {ranking.map((item) => {
        const move = moves.get(item.journey_id);
        const mark = move ? moveMark(move.by) : "";
        return (
          <li
            key={item.journey_id}
            ref={rowRef(item.journey_id)}
            className="ranking-row"
            data-testid="ranking-row"
            data-journey={item.journey_id}
            data-rank={item.rank}
          >
            <div className="rank-cell">
              <span className="rank-number" aria-label={`Rank ${item.rank}`}>
                {item.rank}
              </span>
              {mark && move && (
                <span className={`rank-move ${move.by > 0 ? "up" : "down"}`} data-testid="rank-move" title={moveWords(move)}>
                  <span aria-hidden="true">{mark}</span>
                  <span className="visually-hidden">{moveWords(move)}</span>
                </span>
              )}
            </div>
            <div className="rank-main">
              <div className="rank-title-line">
                <Link className="rank-title" to={`/w/${workspaceId}/j/${item.journey_id}/priorities`}>
                  {item.title}
                </Link>
                <span className="rank-links">
                  <Link to={`/w/${workspaceId}/j/${item.journey_id}`} className="small">
                    Map
                  </Link>
                  {canEdit && (
                    <button
                      type="button"
                      className="button subtle small"
                      onClick={() => onEditInputs(item)}
                      aria-label={`Edit score inputs of ${item.title}`}
                    >
                      Edit inputs
                    </button>
                  )}
                </span>
              </div>
              <ScoreBar score={item.score} />
              {item.score.value === null && canEdit && (
                <p className="score-empty">Nothing to score yet: enter at least one input (Edit inputs).</p>
              )}
            </div>
            <div className="rank-score" data-testid="rank-score">
              {item.score.value === null ? (
                <span className="no-score">No score</span>
              ) : (
                <>
                  <strong>{item.score.value}</strong>
                  <span className="muted small">/ 100</span>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
