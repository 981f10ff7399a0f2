// A step's discussion: its comments oldest first with @mentions highlighted, resolving and
// removing them, and a box to add one (commenters and above). Colleagues' comments arrive
// through the live socket (the page refreshes the list when one is announced).
import { useState } from "react";
import { api, unwrap } from "../api/client";
import type { Role } from "../api/types";
import { timeAgo } from "../ui/time";
import { MentionInput, initials } from "./MentionInput";
import { type User, segmentsOf } from "./mentions";
import type { CommentView } from "./useJourneyComments";
import "./together.css";

interface Props {
  workspaceId: string;
  journeyId: string;
  stepId: string;
  comments: CommentView[];
  members: readonly User[];
  role: Role;
  userId: string | null;
  onChanged: () => Promise<void>;
}

const WRITERS: readonly Role[] = ["owner", "editor", "commenter"];
const MODERATORS: readonly Role[] = ["owner", "editor"];

export function CommentsTab({ workspaceId, journeyId, stepId, comments, members, role, userId, onChanged }: Props) {
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canWrite = WRITERS.includes(role);
  const path = { workspace_id: workspaceId, journey_id: journeyId };

  const attempt = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  };
  const send = async () => {
    const body = draft.trim();
    if (!body || sending) return;
    setSending(true);
    const posted = await attempt(() =>
      unwrap(
        api.POST("/workspaces/{workspace_id}/journeys/{journey_id}/comments", {
          params: { path },
          body: { body, anchor: { kind: "step", id: stepId } },
        }),
      ),
    );
    setSending(false);
    if (posted) setDraft("");
  };
  const resolve = (id: string, resolved: boolean) =>
    attempt(() =>
      unwrap(
        api.PATCH("/workspaces/{workspace_id}/comments/{comment_id}", {
          params: { path: { workspace_id: workspaceId, comment_id: id } },
          body: { resolved },
        }),
      ),
    );
  const remove = (id: string) =>
    attempt(() =>
      unwrap(
        api.DELETE("/workspaces/{workspace_id}/comments/{comment_id}", {
          params: { path: { workspace_id: workspaceId, comment_id: id } },
        }),
      ),
    );

  return (
    <div className="comments-tab" data-testid="comments-tab">
      {comments.length === 0 ? (
        <p className="muted comments-empty">No comments on this step yet.{canWrite ? " Start the conversation below." : ""}</p>
      ) : (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((view) => {
            const { comment, author } = view;
            const resolved = Boolean(comment.resolved_at);
            const mine = comment.author_id === userId;
            return (
              <li key={comment.id} className={`comment${resolved ? " resolved" : ""}`} data-testid="comment">
                <header className="comment-head">
                  <span className="avatar" aria-hidden="true">
                    {initials(author?.display_name ?? "?")}
                  </span>
                  <span className="comment-author">{author ? (mine ? `${author.display_name} (you)` : author.display_name) : "A former member"}</span>
                  <time dateTime={comment.created_at} title={new Date(comment.created_at).toLocaleString()} className="muted small">
                    {timeAgo(comment.created_at)}
                  </time>
                  {resolved && <span className="resolved-chip">✓ Resolved</span>}
                </header>
                <p className="comment-body">
                  {segmentsOf(comment.body, view.mentioned).map((part, index) =>
                    part.kind === "text" ? (
                      <span key={index}>{part.text}</span>
                    ) : (
                      <mark
                        key={index}
                        className={`mention${part.user ? "" : " unknown"}`}
                        title={part.user ? `${part.user.display_name} (${part.user.email})` : "Not a member of this workspace"}
                        data-testid="mention"
                      >
                        {part.text}
                      </mark>
                    ),
                  )}
                </p>
                {view.unknown_mentions.length > 0 && (
                  <p className="muted small">
                    Not a member here: {view.unknown_mentions.map((handle) => `@${handle}`).join(", ")}
                  </p>
                )}
                {(canWrite || mine) && (
                  <div className="comment-actions">
                    {canWrite && (
                      <button type="button" className="link-button" onClick={() => void resolve(comment.id, !resolved)}>
                        {resolved ? "Reopen" : "Resolve"}
                      </button>
                    )}
                    {(mine || MODERATORS.includes(role)) && (
                      <button type="button" className="link-button" onClick={() => void remove(comment.id)}>
                        Delete
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {canWrite ? (
        <form
          className="comment-form"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <MentionInput value={draft} onChange={setDraft} onSubmit={() => void send()} members={members} label="Add a comment" disabled={sending} />
          <div className="comment-form-actions">
            <span className="muted small">
              <kbd>@</kbd> mentions · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends
            </span>
            <button type="submit" className="button primary" disabled={sending || !draft.trim()}>
              {sending ? "Sending…" : "Comment"}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">Viewers read the discussion; commenters, editors and owners can add to it.</p>
      )}
    </div>
  );
}
