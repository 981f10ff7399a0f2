// How a key metric reads: its kind in words, its unit, its target with the direction
// that counts as better ("≥ 30 NPS", "≤ 5 %"), and whether a value meets it.
import type { Kpi, KpiKind, KpiSeries } from "../priorities/priorityTypes";

export const KIND_INFO: Record<KpiKind, { name: string; unit: string; twoSteps: boolean; lowerIsBetter: boolean }> = {
  nps_at_step: { name: "NPS at a step", unit: "NPS", twoSteps: false, lowerIsBetter: false },
  csat_at_step: { name: "CSAT at a step", unit: "%", twoSteps: false, lowerIsBetter: false },
  ces_at_step: { name: "CES at a step", unit: "CES 1-7", twoSteps: false, lowerIsBetter: false },
  conversion: { name: "Conversion from one step to another", unit: "%", twoSteps: true, lowerIsBetter: false },
  drop_off: { name: "Drop-off at a step", unit: "%", twoSteps: false, lowerIsBetter: true },
  time_between: { name: "Time between two steps", unit: "s", twoSteps: true, lowerIsBetter: true },
};

export function unitOf(kpi: Kpi): string {
  return kpi.unit || KIND_INFO[kpi.kind].unit;
}

export function formatValue(value: number, unit: string): string {
  const shown = Number(value.toFixed(Math.abs(value) >= 100 ? 0 : 1)).toLocaleString();
  return unit === "%" ? `${shown} %` : `${shown} ${unit}`;
}

export function targetText(kpi: Kpi): string {
  if (kpi.target === null || kpi.target === undefined) return "No target";
  const sign = kpi.direction === "lower_is_better" ? "≤" : "≥";
  return `Target ${sign} ${formatValue(kpi.target, unitOf(kpi))}`;
}

export function meets(kpi: Kpi, value: number): boolean | null {
  if (kpi.target === null || kpi.target === undefined) return null;
  return kpi.direction === "lower_is_better" ? value <= kpi.target : value >= kpi.target;
}

/** The chart's description in words (the picture's alternative text). */
export function chartDescription(series: KpiSeries): string {
  const kpi = series.kpi.kpi;
  const unit = unitOf(kpi);
  const count = series.points.length;
  if (!count) return `${kpi.name}: no points yet. ${targetText(kpi)}.`;
  const latest = series.points[count - 1]!;
  const verdict = series.latest_met === null ? "" : series.latest_met ? ", meets the target" : ", misses the target";
  return (
    `${kpi.name}: ${count} ${count === 1 ? "point" : "points"}, latest ${formatValue(latest.value, unit)} ` +
    `on ${latest.measured_at.slice(0, 10)}${verdict}. ${targetText(kpi)}.`
  );
}

/** A metric id from its name, free among `taken` (the workspace's metric ids). */
export function kpiId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "metric";
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
