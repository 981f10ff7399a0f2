// Read-only share links for workshops and training: make one (its address is shown once,
// the server keeps only a hash of its secret), copy it, and revoke links no longer needed.
// Whoever opens the address sees the journey's story mode, without signing in.
import { useEffect, useState } from "react";
import type { components } from "../api/schema";
import { api, unwrap } from "../api/client";
import { Dialog } from "../ui/Dialog";
import { timeAgo } from "../ui/time";
import "./together.css";

type ShareLink = components["schemas"]["ShareLink"];

interface Props {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  journeyId: string;
  nameOf: (userId: string | null | undefined) => string;
}

/** Where a shared story opens in the app (the API's own `/shared/{secret}` answers JSON). */
export function storyLink(secret: string, origin: string = window.location.origin): string {
  return `${origin}/share/${encodeURIComponent(secret)}`;
}

export function ShareDialog({ open, onClose, workspaceId, journeyId, nameOf }: Props) {
  const path = { workspace_id: workspaceId, journey_id: journeyId };
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [label, setLabel] = useState("");
  const [made, setMade] = useState<{ url: string; label: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      const { data } = await unwrap(api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/share-links", { params: { path } }));
      setLinks(data);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  useEffect(() => {
    if (!open) return;
    setMade(null);
    setError(null);
    void load();
  }, [open, workspaceId, journeyId]);

  const create = async () => {
    setError(null);
    setCopied(false);
    try {
      const { data } = await unwrap(
        api.POST("/workspaces/{workspace_id}/journeys/{journey_id}/share-links", { params: { path }, body: { label: label.trim() } }),
      );
      setMade({ url: storyLink(data.secret), label: data.link.label });
      setLabel("");
      await load();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const revoke = async (id: string) => {
    setConfirming(null);
    try {
      await unwrap(api.DELETE("/workspaces/{workspace_id}/share-links/{link_id}", { params: { path: { workspace_id: workspaceId, link_id: id } } }));
      await load();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied(true);
    } catch {
      (document.getElementById("share-url") as HTMLInputElement | null)?.select();
    }
  };

  const active = links.filter((link) => !link.revoked_at);
  const revoked = links.filter((link) => link.revoked_at);
  return (
    <Dialog open={open} title="Share the story, read-only" onClose={onClose} wide>
      <p className="muted">
        Anyone with a link sees this journey in story mode — stages, emotions and customer quotes — without signing in
        and without edit controls. Revoke a link to close it.
      </p>
      <form
        className="form share-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label>
          What is it for? <span className="optional">(optional)</span>
          <input value={label} maxLength={200} onChange={(event) => setLabel(event.target.value)} placeholder="e.g. Onboarding training, March" />
        </label>
        <button type="submit" className="button primary">
          Create link
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <div className="share-made" role="status">
          <label htmlFor="share-url">
            New link{made.label ? ` for “${made.label}”` : ""} — copy it now, it is shown only once
          </label>
          <div className="share-url-row">
            <input id="share-url" readOnly value={made.url} data-testid="share-url" onFocus={(event) => event.target.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? "✓ Copied" : "Copy"}
            </button>
            <a className="button subtle" href={made.url} target="_blank" rel="noreferrer">
              Open ↗
            </a>
          </div>
        </div>
      )}
      <h3 className="share-heading">Links ({active.length} open)</h3>
      {links.length === 0 ? (
        <p className="muted small">No links yet.</p>
      ) : (
        <ul className="share-links">
          {[...active, ...revoked].map((link) => (
            <li key={link.id} className={link.revoked_at ? "revoked" : undefined} data-testid="share-link">
              <span className="share-label">{link.label || "Untitled link"}</span>
              <span className="muted small">
                by {nameOf(link.created_by)} · {timeAgo(link.created_at)}
              </span>
              {link.revoked_at ? (
                <span className="revoked-chip">Revoked {timeAgo(link.revoked_at)}</span>
              ) : confirming === link.id ? (
                <span className="share-confirm">
                  <button type="button" className="button danger-solid small" onClick={() => void revoke(link.id)}>
                    Revoke for good
                  </button>
                  <button type="button" className="button subtle small" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="button small" onClick={() => setConfirming(link.id)} aria-label={`Revoke ${link.label || "untitled link"}`}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
