// The open journey's comments, loaded once and again whenever the live socket announces a
// comment (added, resolved, reopened, deleted), so a colleague's remark appears without a
// reload. The step panel filters them by step.
import { useCallback, useEffect, useRef, useState } from "react";
import type { components } from "../api/schema";
import { api, unwrap } from "../api/client";

export type CommentView = components["schemas"]["CommentPublic"];

export interface JourneyComments {
  comments: CommentView[];
  loading: boolean;
  error: string | null;
  /** Fetch them again (after a write here, or a live announcement). */
  refresh: () => Promise<void>;
  /** Live comments on one step, oldest first. */
  onStep: (stepId: string) => CommentView[];
}

export function useJourneyComments(workspaceId: string, journeyId: string): JourneyComments {
  const [comments, setComments] = useState<CommentView[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const { data } = await unwrap(
        api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/comments", {
          params: { path: { workspace_id: workspaceId, journey_id: journeyId } },
        }),
      );
      // Answers may cross: only the newest question's answer is shown.
      if (ticket === latest.current) {
        setComments(data);
        setError(null);
      }
    } catch (failure) {
      if (ticket === latest.current) setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [workspaceId, journeyId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onStep = useCallback(
    (stepId: string) =>
      comments.filter(
        (view) => !view.comment.deleted_at && view.comment.anchor?.kind === "step" && view.comment.anchor.id === stepId,
      ),
    [comments],
  );
  return { comments, loading, error, refresh, onStep };
}
