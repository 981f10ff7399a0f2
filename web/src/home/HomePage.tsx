// The workspace home: every journey with persona, kind, owner and last change; search and
// filters; create, duplicate, import and delete (editors and owners only).
import { useDeferredValue, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { JourneySummary } from "../api/types";
import { Banner } from "../ui/Banner";
import { timeAgo } from "../ui/time";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { DeleteJourneyDialog, ImportJourneyDialog, NewJourneyDialog } from "./JourneyDialogs";
import { duplicateJourney } from "./journeyActions";
import { type JourneyDetails, type JourneyFilters, NO_FILTERS, useJourneyDetails, useJourneyList } from "./journeyList";

export function HomePage() {
  const { workspace, canEdit, nameOf } = useWorkspace();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<JourneyFilters>(NO_FILTERS);
  const deferred = useDeferredValue(filters);
  const { items, total, error, refresh } = useJourneyList(workspace.id, deferred);
  const details = useJourneyDetails(workspace.id, items);
  const [dialog, setDialog] = useState<"new" | "import" | null>(null);
  const [deleting, setDeleting] = useState<JourneySummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [owners, setOwners] = useState<string[]>([]);

  const taken = useMemo(() => new Set((items ?? []).map((item) => item.slug)), [items]);
  if (items && !filters.owner) {
    const seen = [...new Set(items.map((item) => item.owner).filter(Boolean))].sort();
    if (seen.join("\n") !== owners.join("\n")) setOwners(seen);
  }
  const set = (changes: Partial<JourneyFilters>) => setFilters((current) => ({ ...current, ...changes }));
  const filtered = filters.q || filters.kind || filters.status || filters.owner;
  const open = (id: string) => navigate(`/w/${workspace.id}/j/${id}`);

  const duplicate = async (summary: JourneySummary) => {
    try {
      const copy = await duplicateJourney(workspace.id, summary, taken);
      setNotice(`“${copy.title}” was created as a copy.`);
      refresh();
    } catch (problem) {
      setFailure(problem instanceof Error ? problem.message : String(problem));
    }
  };

  return (
    <main className="home" aria-labelledby="home-title">
      <div className="page-head">
        <div>
          <h1 id="home-title">Journeys</h1>
          <p className="muted">
            {workspace.name} · {total} {total === 1 ? "journey" : "journeys"}
          </p>
        </div>
        {canEdit && (
          <div className="page-actions">
            <button type="button" className="button" onClick={() => setDialog("import")}>
              Import…
            </button>
            <button type="button" className="button primary" onClick={() => setDialog("new")}>
              New journey
            </button>
          </div>
        )}
      </div>

      <div className="filters" role="search" aria-label="Find journeys">
        <label className="search-field">
          <span className="visually-hidden">Search journeys</span>
          <input
            type="search"
            placeholder="Search titles, personas, steps…"
            value={filters.q}
            onChange={(event) => set({ q: event.target.value })}
          />
        </label>
        <label>
          <span className="filter-label">Kind</span>
          <select value={filters.kind} onChange={(event) => set({ kind: event.target.value as JourneyFilters["kind"] })}>
            <option value="">Any</option>
            <option value="current">Current (as-is)</option>
            <option value="desired">Desired (to-be)</option>
          </select>
        </label>
        <label>
          <span className="filter-label">Status</span>
          <select
            value={filters.status}
            onChange={(event) => set({ status: event.target.value as JourneyFilters["status"] })}
          >
            <option value="">Any</option>
            <option value="draft">Draft</option>
            <option value="review">In review</option>
            <option value="published">Published</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <label>
          <span className="filter-label">Owner</span>
          <select value={filters.owner} onChange={(event) => set({ owner: event.target.value })}>
            <option value="">Anyone</option>
            {owners.map((owner) => (
              <option key={owner} value={owner}>
                {owner}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="filter-label">Sort</span>
          <select value={filters.sort} onChange={(event) => set({ sort: event.target.value as JourneyFilters["sort"] })}>
            <option value="updated">Last changed</option>
            <option value="title">Title</option>
          </select>
        </label>
        {filtered && (
          <button type="button" className="button subtle" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
            Clear filters
          </button>
        )}
      </div>

      {notice && (
        <Banner tone="info" onDismiss={() => setNotice(null)}>
          {notice}
        </Banner>
      )}
      {(error || failure) && (
        <Banner tone="error" onDismiss={() => setFailure(null)}>
          {failure ?? error}
        </Banner>
      )}

      {items === null ? (
        <p className="loading">Loading journeys…</p>
      ) : items.length === 0 ? (
        <div className="empty-state">
          <h2>{filtered ? "No journey matches" : "No journeys yet"}</h2>
          <p className="muted">
            {filtered
              ? "Try other words or clear the filters."
              : canEdit
                ? "Start one from scratch, or import a cxmap YAML file or a Mermaid journey."
                : "When your team adds journeys, they appear here."}
          </p>
        </div>
      ) : (
        <JourneyTable
          items={items}
          details={details}
          canEdit={canEdit}
          workspaceId={workspace.id}
          nameOf={nameOf}
          onDuplicate={(item) => void duplicate(item)}
          onDelete={setDeleting}
        />
      )}

      <NewJourneyDialog
        open={dialog === "new"}
        workspaceId={workspace.id}
        taken={taken}
        onClose={() => setDialog(null)}
        onCreated={(created) => open(created.id)}
      />
      <ImportJourneyDialog
        open={dialog === "import"}
        workspaceId={workspace.id}
        onClose={() => setDialog(null)}
        onImported={(created) => open(created.id)}
      />
      <DeleteJourneyDialog
        journey={deleting}
        workspaceId={workspace.id}
        onClose={() => setDeleting(null)}
        onDeleted={(gone) => {
          setNotice(`“${gone.title}” was moved to the bin.`);
          refresh();
        }}
      />
    </main>
  );
}

interface TableProps {
  items: JourneySummary[];
  details: Record<string, JourneyDetails>;
  canEdit: boolean;
  workspaceId: string;
  nameOf: (id: string | null | undefined) => string;
  onDuplicate: (item: JourneySummary) => void;
  onDelete: (item: JourneySummary) => void;
}

function JourneyTable({ items, details, canEdit, workspaceId, nameOf, onDuplicate, onDelete }: TableProps) {
  return (
    <table className="journey-table">
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Persona</th>
          <th scope="col">Kind</th>
          <th scope="col">Owner</th>
          <th scope="col">Last change</th>
          {canEdit && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const more = details[item.id];
          return (
            <tr key={item.id} data-testid="journey-row">
              <td>
                <Link className="journey-title" to={`/w/${workspaceId}/j/${item.id}`}>
                  {item.title}
                </Link>
                <div className="journey-meta">
                  <span className={`status status-${item.status}`}>{item.status}</span>
                  {more && (
                    <span>
                      {more.stages} stages · {more.steps} steps
                    </span>
                  )}
                  {item.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </div>
              </td>
              <td>
                {!more ? (
                  <span className="muted">…</span>
                ) : more.personas.length ? (
                  <ul className="persona-list">
                    {more.personas.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <span className={`kind kind-${item.kind}`}>{item.kind === "desired" ? "Desired" : "Current"}</span>
              </td>
              <td>{item.owner || <span className="muted">—</span>}</td>
              <td>
                <time dateTime={item.updated_at} title={new Date(item.updated_at).toLocaleString()}>
                  {timeAgo(item.updated_at)}
                </time>
                <div className="muted small">by {nameOf(item.updated_by)}</div>
              </td>
              {canEdit && (
                <td className="row-actions">
                  <button
                    type="button"
                    className="button subtle small"
                    onClick={() => onDuplicate(item)}
                    aria-label={`Duplicate ${item.title}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button subtle small danger"
                    onClick={() => onDelete(item)}
                    aria-label={`Delete ${item.title}`}
                  >
                    Delete
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
