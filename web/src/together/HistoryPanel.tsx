// The journey's history beside the canvas: every version (who, when, what it did), a
// visual difference between any two, and restoring an earlier one. A restore is a new
// version (nothing in between is lost) and is sent with If-Match, so restoring over a
// colleague's newer change is refused with a clear message, never done silently.
import { useEffect, useMemo, useRef, useState } from "react";
import { api, ifMatch, unwrap, written } from "../api/client";
import { StaleVersionError } from "../api/errors";
import type { Journey } from "../api/types";
import { Banner } from "../ui/Banner";
import { timeAgo } from "../ui/time";
import { DiffList, DiffMiniMap, diffCounts } from "./DiffView";
import { diffJourneys } from "./journeyDiff";
import { type Revision, summarize } from "./revisionSummary";
import "./together.css";

interface Props {
  workspaceId: string;
  journeyId: string;
  /** The version the canvas shows (and the one a restore must be based on). */
  currentVersion: number;
  canRestore: boolean;
  nameOf: (userId: string | null | undefined) => string;
  /** Bring the canvas to the journey's latest version (after a restore, or a refusal). */
  reload: () => Promise<void>;
  onClose: () => void;
}

const ACTION_WORDS: Record<string, string> = {
  create: "Created",
  update: "Edited",
  restore: "Restored",
  delete: "Binned",
  undelete: "Recovered",
};

export function HistoryPanel({ workspaceId, journeyId, currentVersion, canRestore, nameOf, reload, onClose }: Props) {
  const path = { workspace_id: workspaceId, journey_id: journeyId };
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [versions, setVersions] = useState<Map<number, Journey>>(new Map());
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number>(currentVersion);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Versions asked for once: a version's content never changes. */
  const requested = useRef(new Set<number>());
  const latest = revisions?.[revisions.length - 1]?.version ?? currentVersion;

  useEffect(() => {
    let live = true;
    unwrap(api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/revisions", { params: { path } }))
      .then(({ data }) => {
        if (!live) return;
        setRevisions(data);
        const newest = data[data.length - 1]?.version ?? currentVersion;
        setTo(newest);
        setFrom((chosen) => chosen ?? (data.length > 1 ? data[data.length - 2]!.version : newest));
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
    // The list follows the journey: a new version (here or a colleague's) is listed at once.
  }, [workspaceId, journeyId, currentVersion]);

  useEffect(() => {
    for (const version of [from, to]) {
      if (version === null || requested.current.has(version)) continue;
      requested.current.add(version);
      unwrap(
        api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/revisions/{version}", {
          params: { path: { ...path, version } },
        }),
      )
        .then(({ data }) => setVersions((known) => new Map(known).set(version, data.journey)))
        .catch((failure: unknown) => {
          requested.current.delete(version);
          setError(failure instanceof Error ? failure.message : String(failure));
        });
    }
  }, [from, to]);

  const older = from !== null ? versions.get(Math.min(from, to)) : undefined;
  const newer = versions.get(Math.max(from ?? to, to));
  const diff = useMemo(() => (older && newer ? diffJourneys(older, newer) : null), [older, newer]);

  const restore = async (version: number) => {
    setBusy(true);
    setConflict(null);
    setNotice(null);
    try {
      const done = await written(
        api.POST("/workspaces/{workspace_id}/journeys/{journey_id}/restore", {
          params: { path, header: ifMatch(currentVersion) },
          body: { version },
        }),
      );
      setNotice(`Version ${version} is current again, as version ${done.version}. Nothing in between was lost.`);
      await reload();
    } catch (failure) {
      if (failure instanceof StaleVersionError) {
        setConflict(
          `The journey changed since you opened it${failure.currentVersion ? ` (it is now at version ${failure.currentVersion})` : ""}. ` +
            "Nothing was restored. Load the latest version, check the differences, then restore again.",
        );
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const options = [...(revisions ?? [])].reverse();
  return (
    <aside className="side-panel history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <header className="panel-header">
        <div>
          <p className="panel-kicker">Journey</p>
          <h2 id="history-title">Version history</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="panel-body history-body">
        {error && (
          <Banner tone="error" onDismiss={() => setError(null)}>
            {error}
          </Banner>
        )}
        {conflict && (
          <Banner
            tone="warning"
            actions={
              <button type="button" className="button primary" onClick={() => void reload().then(() => setConflict(null))}>
                Load latest version
              </button>
            }
          >
            <strong>Not restored.</strong> {conflict}
          </Banner>
        )}
        {notice && <Banner tone="info">{notice}</Banner>}
        {!revisions ? (
          <p className="muted">Loading the history…</p>
        ) : (
          <ol className="version-list" aria-label="Versions, newest first">
            {options.map((revision) => {
              const chosen = revision.version === from;
              return (
                <li key={revision.version}>
                  <button
                    type="button"
                    className={`version-row${chosen ? " chosen" : ""}`}
                    aria-pressed={chosen}
                    data-testid="version-row"
                    onClick={() => {
                      setFrom(revision.version);
                      setTo(latest);
                    }}
                  >
                    <span className="version-number">v{revision.version}</span>
                    <span className="version-what">
                      <span className="version-summary">{summarize(revision)}</span>
                      <span className="muted small">
                        {ACTION_WORDS[revision.action] ?? revision.action} by {nameOf(revision.changed_by)} ·{" "}
                        <time dateTime={revision.changed_at} title={new Date(revision.changed_at).toLocaleString()}>
                          {timeAgo(revision.changed_at)}
                        </time>
                      </span>
                    </span>
                    {revision.version === latest && <span className="current-chip">Current</span>}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        {revisions && revisions.length > 0 && (
          <section className="compare" aria-labelledby="compare-title">
            <h3 id="compare-title">Compare</h3>
            <div className="compare-pickers">
              <label>
                From
                <select value={from ?? ""} onChange={(event) => setFrom(Number(event.target.value))} data-testid="compare-from">
                  {options.map((revision) => (
                    <option key={revision.version} value={revision.version}>
                      Version {revision.version}
                    </option>
                  ))}
                </select>
              </label>
              <span aria-hidden="true">→</span>
              <label>
                To
                <select value={to} onChange={(event) => setTo(Number(event.target.value))} data-testid="compare-to">
                  {options.map((revision) => (
                    <option key={revision.version} value={revision.version}>
                      Version {revision.version}
                      {revision.version === latest ? " (current)" : ""}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {from === to ? (
              <p className="muted">Pick two different versions to see what changed between them.</p>
            ) : !diff ? (
              <p className="muted">Loading both versions…</p>
            ) : (
              <>
                <p className="diff-counts" data-testid="diff-counts">
                  From version {Math.min(from ?? to, to)} to {Math.max(from ?? to, to)}: {diffCounts(diff)}
                </p>
                <DiffMiniMap diff={diff} />
                <DiffList diff={diff} />
              </>
            )}
            {canRestore && from !== null && from !== latest && (
              <div className="restore-bar">
                <button type="button" className="button primary" disabled={busy} onClick={() => void restore(from)}>
                  {busy ? "Restoring…" : `Restore version ${from}`}
                </button>
                <span className="muted small">Makes version {from} current again as a new version; nothing is lost.</span>
              </div>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}
