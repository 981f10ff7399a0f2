// Key metrics and their progress: every metric with its target and latest value (met or
// missed, said in words), and the chosen one's chart, drawn by the server from the same
// render path as the map (its target line included), with its points and a way to record
// a new one by hand or measure one from the journey's data.
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import { ApiError, describeProblems } from "../api/errors";
import { useJourneyChoices } from "../priorities/journeyLookup";
import type { KpiSeries, StoredKpi } from "../priorities/priorityTypes";
import { Banner } from "../ui/Banner";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { KpiDialog } from "./KpiDialog";
import { KIND_INFO, chartDescription, formatValue, meets, targetText, unitOf } from "./kpiText";
import "./kpis.css";
import { useKpis } from "./useKpis";

export function KpiPage() {
  const { workspace, canEdit } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const journeyId = params.get("journey");
  const { kpis, series, error, refresh } = useKpis(workspace.id, journeyId);
  const journeys = useJourneyChoices(workspace.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const titles = useMemo(() => new Map((journeys ?? []).map((item) => [item.id, item.title])), [journeys]);
  const taken = useMemo(() => new Set((kpis ?? []).map((item) => item.kpi.id)), [kpis]);
  const selected = kpis?.find((item) => item.id === chosen) ?? kpis?.[0] ?? null;

  return (
    <main className="home kpi-page" aria-labelledby="kpi-title">
      <div className="page-head">
        <div>
          <h1 id="kpi-title">Key metrics</h1>
          <p className="muted">Metrics bound to the journeys' data, with targets; every import or analysis adds a dated point.</p>
        </div>
        {canEdit && (
          <div className="page-actions">
            <button type="button" className="button primary" onClick={() => setAdding(true)} disabled={!journeys?.length}>
              New metric
            </button>
          </div>
        )}
      </div>
      <div className="filters">
        <label>
          <span className="filter-label">Journey</span>
          <select value={journeyId ?? ""} onChange={(event) => setParams(event.target.value ? { journey: event.target.value } : {})}>
            <option value="">All journeys</option>
            {journeys?.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      {notice && (
        <Banner tone="info" onDismiss={() => setNotice(null)}>
          {notice}
        </Banner>
      )}
      {kpis === null ? (
        !error && <p className="loading">Loading metrics…</p>
      ) : kpis.length === 0 ? (
        <div className="empty-state">
          <h2>No key metrics yet</h2>
          <p className="muted">
            {canEdit
              ? "Add one: NPS or CSAT at a step, conversion between two steps, drop-off, CES or the time between steps."
              : "When your team defines metrics, their progress shows here."}
          </p>
        </div>
      ) : (
        <div className="kpi-layout">
          <ul className="kpi-list" aria-label="Key metrics">
            {kpis.map((item) => (
              <KpiListItem
                key={item.id}
                kpi={item}
                series={series[item.id]}
                journeyTitle={titles.get(item.journey_id) ?? item.kpi.journey}
                selected={selected?.id === item.id}
                onSelect={() => setChosen(item.id)}
              />
            ))}
          </ul>
          {selected && (
            <KpiDetail
              key={selected.id}
              workspaceId={workspace.id}
              kpi={selected}
              series={series[selected.id]}
              journeyTitle={titles.get(selected.journey_id) ?? selected.kpi.journey}
              canEdit={canEdit}
              onChanged={(message) => {
                if (message) setNotice(message);
                refresh();
              }}
            />
          )}
        </div>
      )}
      <KpiDialog
        open={adding}
        workspaceId={workspace.id}
        journeys={journeys ?? []}
        journeyId={journeyId}
        taken={taken}
        onClose={() => setAdding(false)}
        onCreated={(created) => {
          setAdding(false);
          setChosen(created.id);
          refresh();
        }}
      />
    </main>
  );
}

interface ItemProps {
  kpi: StoredKpi;
  series: KpiSeries | undefined;
  journeyTitle: string;
  selected: boolean;
  onSelect: () => void;
}

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return null;
  return (
    <span className={`kpi-verdict ${met ? "met" : "missed"}`}>
      <span aria-hidden="true">{met ? "✓" : "✗"}</span> {met ? "meets target" : "misses target"}
    </span>
  );
}

function KpiListItem({ kpi, series, journeyTitle, selected, onSelect }: ItemProps) {
  const latest = series?.points.at(-1);
  return (
    <li>
      <button type="button" className={`kpi-item${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined} onClick={onSelect} data-testid="kpi-item">
        <span className="kpi-item-name">{kpi.kpi.name}</span>
        <span className="kpi-item-meta">
          {KIND_INFO[kpi.kpi.kind].name} · {journeyTitle}
        </span>
        <span className="kpi-item-values">
          <span>{latest ? formatValue(latest.value, unitOf(kpi.kpi)) : "no points yet"}</span>
          <span className="muted">{targetText(kpi.kpi)}</span>
          <Verdict met={series?.latest_met ?? null} />
        </span>
      </button>
    </li>
  );
}

interface DetailProps {
  workspaceId: string;
  kpi: StoredKpi;
  series: KpiSeries | undefined;
  journeyTitle: string;
  canEdit: boolean;
  onChanged: (message?: string) => void;
}

function nowLocal(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function KpiDetail({ workspaceId, kpi, series, journeyTitle, canEdit, onChanged }: DetailProps) {
  const [value, setValue] = useState("");
  const [n, setN] = useState("1");
  const [day, setDay] = useState(nowLocal());
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const points = series?.points ?? [];
  const unit = unitOf(kpi.kpi);
  const stamp = `${kpi.version}-${points.length}-${points.at(-1)?.measured_at ?? ""}`;
  const chart = `/workspaces/${workspaceId}/kpis/${kpi.id}/chart.svg?v=${encodeURIComponent(stamp)}`;
  const [chartFailed, setChartFailed] = useState(false);
  useEffect(() => setChartFailed(false), [chart]);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    const typed = Number(value.trim().replace(",", "."));
    if (!value.trim() || !Number.isFinite(typed)) {
      setProblems([`Value: “${value}” is not a number`]);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const today = day === nowLocal();
      await unwrap(
        api.POST("/workspaces/{workspace_id}/kpis/{kpi_id}/points", {
          params: { path: { workspace_id: workspaceId, kpi_id: kpi.id } },
          body: { value: typed, n: Math.max(0, Math.round(Number(n) || 0)), measured_at: today ? null : `${day}T12:00:00Z` },
        }),
      );
      setValue("");
      onChanged();
    } catch (failure) {
      if (failure instanceof ApiError && failure.problems.length) setProblems(describeProblems(failure));
      else setProblems([failure instanceof Error ? failure.message : String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  const measure = async () => {
    setBusy(true);
    try {
      const { data } = await unwrap(
        api.POST("/workspaces/{workspace_id}/journeys/{journey_id}/kpi-points", {
          params: { path: { workspace_id: workspaceId, journey_id: kpi.journey_id } },
        }),
      );
      const mine = data.points.some((point) => point.kpi === kpi.kpi.id);
      onChanged(
        mine
          ? `Measured ${data.points.length} ${data.points.length === 1 ? "metric" : "metrics"} of ${journeyTitle} from its data.`
          : `No data to measure “${kpi.kpi.name}” yet (import evidence or an event log for the journey).`,
      );
    } catch (failure) {
      setProblems([failure instanceof Error ? failure.message : String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kpi-detail" aria-labelledby="kpi-detail-title" data-testid="kpi-detail">
      <header className="kpi-detail-head">
        <div>
          <h2 id="kpi-detail-title">{kpi.kpi.name}</h2>
          <p className="muted small">
            {KIND_INFO[kpi.kpi.kind].name} · <Link to={`/w/${workspaceId}/j/${kpi.journey_id}`}>{journeyTitle}</Link> ·{" "}
            {kpi.kpi.direction === "lower_is_better" ? "lower is better" : "higher is better"}
          </p>
        </div>
        <div className="kpi-target" data-testid="kpi-target">
          {targetText(kpi.kpi)}
        </div>
      </header>
      {series && (
        <figure className="kpi-chart">
          {chartFailed ? (
            <p className="muted">The chart could not be drawn.</p>
          ) : (
            <img src={chart} alt={chartDescription(series)} width={760} height={400} onError={() => setChartFailed(true)} data-testid="kpi-chart" />
          )}
        </figure>
      )}
      {canEdit && (
        <form className="form point-form" onSubmit={record} aria-label="Record a point">
          <h3>Record a point</h3>
          <div className="point-fields">
            <label>
              Value ({unit})
              <input inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} required />
            </label>
            <label>
              Answers or cases
              <input type="number" min={0} value={n} onChange={(event) => setN(event.target.value)} />
            </label>
            <label>
              Measured on
              <input type="date" value={day} max={nowLocal()} onChange={(event) => setDay(event.target.value)} required />
            </label>
            <button type="submit" className="button primary" disabled={busy}>
              Record point
            </button>
            <button type="button" className="button" onClick={() => void measure()} disabled={busy} title="Measure every metric of the journey from its evidence and event log">
              Measure from data
            </button>
          </div>
          {problems.length > 0 && (
            <div className="form-error" role="alert">
              {problems.join(" · ")}
            </div>
          )}
        </form>
      )}
      <table className="points-table" data-testid="kpi-points">
        <caption>Points, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Measured</th>
            <th scope="col">Value</th>
            <th scope="col">n</th>
            <th scope="col">Source</th>
            <th scope="col">Target</th>
          </tr>
        </thead>
        <tbody>
          {points.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No points yet.
              </td>
            </tr>
          )}
          {[...points].reverse().map((point) => {
            const met = meets(kpi.kpi, point.value);
            return (
              <tr key={`${point.measured_at}-${point.value}`}>
                <td>
                  <time dateTime={point.measured_at}>{new Date(point.measured_at).toLocaleDateString()}</time>
                </td>
                <td className="number">{formatValue(point.value, unit)}</td>
                <td className="number">{point.n}</td>
                <td>{point.source}</td>
                <td>{met === null ? "—" : <Verdict met={met} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
