// The priorities screen's data: the saved weights (with their version), the ranking they
// give, a draft weighting the sliders move (answered live by the server as a what-if,
// nothing saved), the sensitivity of the draft ranking, and saving the draft with
// If-Match so a colleague's newer weights are never overwritten silently.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ifMatch, unwrap, versionOf } from "../api/client";
import { StaleVersionError } from "../api/errors";
import { CRITERION_IDS, sameWeights, savedWeights, whatIfQuery } from "./criteria";
import type { Criterion, ScoreBoard, ScoreWeights, SensitivityReport, StoredScoring } from "./priorityTypes";
import { type RankMove, rankMoves } from "./rankingDiff";

const LIVE_DELAY_MS = 120;
const SENSITIVITY_DELAY_MS = 350;

export interface Scoring {
  saved: StoredScoring | null;
  draft: ScoreWeights | null;
  dirty: boolean;
  baseline: ScoreBoard | null;
  live: ScoreBoard | null;
  moves: Map<string, RankMove>;
  sensitivity: SensitivityReport | null;
  noWeight: boolean;
  error: string | null;
  conflict: string | null;
  saving: boolean;
  setWeight: (criterion: Criterion, value: number) => void;
  resetDraft: () => void;
  save: () => Promise<void>;
  /** Read weights and rankings again; `keepDraft` false takes the saved weights too. */
  reload: (keepDraft: boolean) => void;
  dismissError: () => void;
}

function message(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

export function useScoring(workspaceId: string): Scoring {
  const [saved, setSaved] = useState<StoredScoring | null>(null);
  const [draft, setDraft] = useState<ScoreWeights | null>(null);
  const [baseline, setBaseline] = useState<ScoreBoard | null>(null);
  const [live, setLive] = useState<ScoreBoard | null>(null);
  const [sensitivity, setSensitivity] = useState<SensitivityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [generation, setGeneration] = useState(0);
  const asked = useRef(0);
  const keepDraft = useRef(false);
  const path = useMemo(() => ({ workspace_id: workspaceId }), [workspaceId]);

  useEffect(() => {
    let current = true;
    Promise.all([
      unwrap(api.GET("/workspaces/{workspace_id}/score-weights", { params: { path } })),
      unwrap(api.GET("/workspaces/{workspace_id}/scores", { params: { path } })),
    ])
      .then(([weights, board]) => {
        if (!current) return;
        setSaved(weights.data);
        setDraft((before) => (before && keepDraft.current ? before : savedWeights(weights.data)));
        setBaseline(board.data);
        setError(null);
      })
      .catch((failure: unknown) => current && setError(message(failure)));
    return () => {
      current = false;
    };
    // `generation` asks for a fresh read (after a save conflict or an edit of inputs).
  }, [path, generation]);

  const dirty = Boolean(saved && draft && !sameWeights(draft, savedWeights(saved)));
  const noWeight = Boolean(draft && CRITERION_IDS.every((id) => draft[id] <= 0));

  useEffect(() => {
    if (!saved || !draft || !baseline) return;
    if (!dirty) {
      setLive(baseline);
      return;
    }
    if (noWeight) return;
    const ticket = ++asked.current;
    const query = whatIfQuery(draft, savedWeights(saved));
    const timer = setTimeout(() => {
      unwrap(api.GET("/workspaces/{workspace_id}/scores", { params: { path, query } }))
        .then(({ data }) => ticket === asked.current && setLive(data))
        .catch((failure: unknown) => ticket === asked.current && setError(message(failure)));
    }, LIVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [path, saved, draft, baseline, dirty, noWeight]);

  useEffect(() => {
    if (!saved || !draft || noWeight) return;
    let current = true;
    const query = whatIfQuery(draft, savedWeights(saved));
    const timer = setTimeout(() => {
      unwrap(api.GET("/workspaces/{workspace_id}/scores/sensitivity", { params: { path, query } }))
        .then(({ data }) => current && setSensitivity(data))
        .catch(() => current && setSensitivity(null));
    }, SENSITIVITY_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [path, saved, draft, noWeight, baseline]);

  const moves = useMemo(
    () => (baseline && live && dirty ? rankMoves(baseline.ranking, live.ranking) : new Map<string, RankMove>()),
    [baseline, live, dirty],
  );

  const setWeight = useCallback((criterion: Criterion, value: number) => {
    setDraft((before) => (before ? { ...before, [criterion]: value } : before));
  }, []);

  const resetDraft = useCallback(() => {
    if (saved) setDraft(savedWeights(saved));
  }, [saved]);

  const save = useCallback(async () => {
    if (!saved || !draft) return;
    setSaving(true);
    try {
      const { data, response } = await unwrap(
        api.PUT("/workspaces/{workspace_id}/score-weights", {
          params: { path, header: ifMatch(saved.version) },
          body: { weights: draft, scale: saved.settings.scale },
        }),
      );
      setSaved({ ...data, version: versionOf(response) ?? data.version });
      if (live) setBaseline(live);
      setConflict(null);
    } catch (failure) {
      if (failure instanceof StaleVersionError) {
        const now = failure.currentVersion ? ` (they are now at version ${failure.currentVersion})` : "";
        setConflict(
          `Someone else saved the weights since you loaded them${now}. Your weights were not saved: ` +
            "load theirs, then adjust again.",
        );
      } else setError(message(failure));
    } finally {
      setSaving(false);
    }
  }, [path, saved, draft, live]);

  const reload = useCallback((keep: boolean) => {
    keepDraft.current = keep;
    setConflict(null);
    setGeneration((n) => n + 1);
  }, []);

  return {
    saved,
    draft,
    dirty,
    baseline,
    live,
    moves,
    sensitivity,
    noWeight,
    error,
    conflict,
    saving,
    setWeight,
    resetDraft,
    save,
    reload,
    dismissError: () => setError(null),
  };
}
