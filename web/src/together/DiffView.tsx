// A difference between two versions, drawn twice: a mini map of the newer version (stages
// as columns, steps as blocks, each marked added, removed, changed or moved with an icon,
// a word and a colour) and the list of changes with their values before and after.
import { CHANGE_ICONS, CHANGE_WORDS, type Change, type FieldChange, type JourneyDiff, isEmptyDiff } from "./journeyDiff";

function Marker({ change }: { change: Change }) {
  if (change === "same") return null;
  return (
    <span className={`change-marker change-${change}`}>
      <span aria-hidden="true">{CHANGE_ICONS[change]}</span> {CHANGE_WORDS[change]}
    </span>
  );
}

function Fields({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="field-changes">
      {fields.map((field) => (
        <li key={field.field}>
          <span className="field-label">{field.label}:</span> <del>{field.before}</del> <span aria-hidden="true">→</span>{" "}
          <span className="visually-hidden">becomes </span>
          <ins>{field.after}</ins>
        </li>
      ))}
    </ul>
  );
}

export function DiffMiniMap({ diff }: { diff: JourneyDiff }) {
  return (
    <div className="diff-map" role="group" aria-label="Map of the changes" data-testid="diff-map">
      {diff.stages.map((stage) => (
        <section key={stage.id} className={`diff-stage change-${stage.change}`} aria-label={`Stage ${stage.name}`}>
          <h4 className="diff-stage-name">
            <span>{stage.name}</span>
            <Marker change={stage.change} />
          </h4>
          <ul className="diff-steps">
            {stage.steps.map((step) => (
              <li
                key={`${step.id}-${step.change}`}
                className={`diff-step change-${step.change}`}
                data-testid="diff-step"
                data-change={step.change}
                title={step.fields.map((field) => `${field.label}: ${field.before} → ${field.after}`).join("\n") || undefined}
              >
                <span className="diff-step-name">{step.name}</span>
                <Marker change={step.change} />
              </li>
            ))}
            {stage.steps.length === 0 && <li className="diff-step empty muted small">No steps</li>}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function DiffList({ diff }: { diff: JourneyDiff }) {
  if (isEmptyDiff(diff)) return <p className="muted">These two versions show the same stages and steps.</p>;
  return (
    <ul className="diff-list" aria-label="Changes" data-testid="diff-list">
      {diff.journey.length > 0 && (
        <li>
          <Marker change="changed" /> <strong>The journey</strong>
          <Fields fields={diff.journey} />
        </li>
      )}
      {diff.stages.flatMap((stage) => [
        stage.change !== "same" && (
          <li key={`stage-${stage.id}`}>
            <Marker change={stage.change} /> Stage <strong>{stage.name}</strong>
            {stage.fields.length > 0 && <Fields fields={stage.fields} />}
          </li>
        ),
        ...stage.steps
          .filter((step) => step.change !== "same")
          .map((step) => (
            <li key={`step-${step.id}-${step.change}`}>
              <Marker change={step.change} /> Step <strong>{step.name}</strong>
              <span className="muted"> in {stage.name}</span>
              {step.movedFrom && <span className="muted"> (was in {step.movedFrom})</span>}
              {step.fields.length > 0 && <Fields fields={step.fields} />}
            </li>
          )),
      ])}
      {diff.other.map((words) => (
        <li key={words}>
          <Marker change="changed" /> {words}
        </li>
      ))}
    </ul>
  );
}

/** "2 changed · 1 added": the diff's size in words. */
export function diffCounts(diff: JourneyDiff): string {
  const parts = (["changed", "added", "removed", "moved"] as const)
    .filter((change) => diff.counts[change] > 0)
    .map((change) => `${diff.counts[change]} ${change}`);
  const extra = diff.journey.length + diff.other.length;
  if (extra) parts.push(`${extra} other`);
  return parts.length ? parts.join(" · ") : "no changes to stages or steps";
}
