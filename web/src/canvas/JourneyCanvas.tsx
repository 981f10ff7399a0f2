// The journey canvas: stages as columns, lanes as rows, laid out with CSS grid from
// `planGrid` (one column per step). The emotion curve and the flow arrows are SVGs over
// the step columns; backstage and support sit under the line of visibility.
import { type CSSProperties, type ReactNode, type Ref, memo, useCallback, useMemo } from "react";
import { ActualFlows } from "../actual/ActualFlows";
import type { Insight, Journey, Opportunity } from "../api/types";
import { AT_END, locateStep } from "../journey/journeyOps";
import { AddInline, type AddInlineHandle } from "../ui/AddInline";
import { allowDrop, dragged, endDrag } from "./dragging";
import type { Editor } from "./editor";
import { EmotionCurve } from "./EmotionCurve";
import { emotionY, formatEmotion } from "./emotionGeometry";
import { FlowArrows } from "./FlowArrows";
import { COLUMN_WIDTH, type Column, LABEL_WIDTH, LANE_TITLES, type Row, flowLinks, planGrid } from "./gridPlan";
import { LaneList } from "./LaneList";
import { NoteCards } from "./NoteCards";
import { StageHeader } from "./StageHeader";
import { StepCard } from "./StepCard";
import type { ColumnRange } from "./useVisibleColumns";

const ADD_STAGE_WIDTH = 200;

interface Props {
  journey: Journey;
  edit: Editor | null;
  selectedStepId: string | null;
  onSelectStep: (id: string | null) => void;
  addStage: Ref<AddInlineHandle>;
  /** The step columns to render (the ones on screen); all of them when not given. */
  range?: ColumnRange;
}

function byStep<T extends { step: string }>(notes: T[] | undefined): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const note of notes ?? []) grouped.set(note.step, [...(grouped.get(note.step) ?? []), note]);
  return grouped;
}

const place = (row: number, column: number, span = 1): CSSProperties => ({
  gridRow: row,
  gridColumn: span > 1 ? `${column} / span ${span}` : column,
});

export const JourneyCanvas = memo(function JourneyCanvas({
  journey,
  edit,
  selectedStepId,
  onSelectStep,
  addStage,
  range,
}: Props) {
  const plan = useMemo(() => planGrid(journey), [journey]);
  const links = useMemo(() => flowLinks(plan), [plan]);
  const names = useMemo(
    () => new Map(plan.columns.flatMap((column) => (column.step ? [[column.step.id, column.step.name]] : []))),
    [plan],
  );
  const insights = useMemo(() => byStep<Insight>(journey.insights), [journey.insights]);
  const opportunities = useMemo(() => byStep<Opportunity>(journey.opportunities), [journey.opportunities]);
  const insightTitles = useMemo(
    () => new Map((journey.insights ?? []).map((insight) => [insight.id, insight.title])),
    [journey.insights],
  );
  const stakeholders = useMemo(
    () => new Map((journey.stakeholders ?? []).map((person) => [person.id, person.name])),
    [journey.stakeholders],
  );
  const count = plan.columns.length;
  const from = range?.from ?? 0;
  const to = Math.min(range?.to ?? count, count);
  const shown = useMemo(() => plan.columns.slice(from, to), [plan, from, to]);
  const shownLinks = useMemo(
    () => links.filter((link) => (link.from >= from && link.from < to) || (link.to >= from && link.to < to)),
    [links, from, to],
  );
  const stages = journey.stages ?? [];

  const shiftStep = useCallback(
    (id: string, by: -1 | 1) => {
      if (!edit) return;
      const { stage, index } = locateStep(journey, id);
      const holder = stages[stage]!;
      const size = holder.steps?.length ?? 0;
      if (index + by >= 0 && index + by < size) {
        edit.change({ type: "moveStep", id, stageId: holder.id, to: index + by });
        return;
      }
      const neighbour = stages[stage + by];
      if (!neighbour) return;
      const to = by < 0 ? (neighbour.steps?.length ?? 0) : 0;
      edit.change({ type: "moveStep", id, stageId: neighbour.id, to });
    },
    [edit, journey, stages],
  );

  const dropStep = useCallback(
    (id: string, stageId: string, before: number) => {
      if (!edit) return;
      const { stage, index } = locateStep(journey, id);
      const sameStage = stages[stage]!.id === stageId;
      const to = sameStage && index < before ? before - 1 : before;
      if (!sameStage || to !== index) edit.change({ type: "moveStep", id, stageId, to });
    },
    [edit, journey, stages],
  );

  const select = useCallback((id: string) => onSelectStep(id), [onSelectStep]);
  const cells: ReactNode[] = [];
  const label = (row: number, text: ReactNode, className = "") =>
    cells.push(
      <div key={`label-${row}`} className={`lane-label ${className}`} style={place(row, 1)}>
        {text}
      </div>,
    );
  const columnCell = (row: number, column: Column, content: ReactNode, className = "") =>
    cells.push(
      <div
        key={`${row}-${column.index}`}
        className={`cell ${className}${column.positionInStage === 0 ? " stage-start" : ""}${
          column.step && column.step.id === selectedStepId ? " selected-column" : ""
        }`}
        style={place(row, column.index + 2)}
      >
        {content}
      </div>,
    );

  plan.rows.forEach((row, at) => renderRow(row, at + 1));

  function renderRow(row: Row, line: number) {
    switch (row.kind) {
      case "stages":
        label(line, <span className="corner-title">Stages</span>, "corner");
        for (const span of plan.stages) {
          cells.push(
            <StageHeader
              key={`stage-${span.stage.id}`}
              stage={span.stage}
              index={span.index}
              count={stages.length}
              stepCount={span.stage.steps?.length ?? 0}
              edit={edit}
              style={place(line, span.start + 2, span.span)}
            />,
          );
        }
        if (edit) {
          cells.push(
            <div key="add-stage" className="add-stage-cell" style={place(line, count + 2)}>
              <AddInline
                ref={addStage}
                label="Add stage"
                placeholder="New stage name"
                onAdd={(name) =>
                  edit.change({
                    type: "addStage",
                    stage: { id: edit.newId(name, "stage"), name, goal: "", steps: [] },
                    position: stages.length,
                  })
                }
              />
            </div>,
          );
        }
        return;
      case "flow":
        label(line, <span className="visually-hidden">Flow between steps</span>, "flow-label");
        if (count)
          cells.push(
            <div key="flow" className="flow-cell" style={place(line, 2, count)}>
              <FlowArrows links={shownLinks} columns={count} columnWidth={COLUMN_WIDTH} names={names} />
              <ActualFlows columns={plan.columns} columnWidth={COLUMN_WIDTH} />
            </div>,
          );
        return;
      case "steps":
        label(line, LANE_TITLES.touchpoints);
        for (const column of shown) columnCell(line, column, stepsCell(column), "steps-cell");
        return;
      case "emotions":
        label(
          line,
          <span className="emotion-label-cell">
            {LANE_TITLES.emotions}
            {[2, 0, -2].map((value) => (
              <span key={value} className="scale-mark" style={{ top: emotionY(value) - 8 }} aria-hidden="true">
                {value === 0 ? "0 baseline" : formatEmotion(value)}
              </span>
            ))}
          </span>,
        );
        if (count)
          cells.push(
            <div key="emotions" className="emotion-cell" style={place(line, 2, count)}>
              <EmotionCurve
                columns={plan.columns}
                shown={range ? { from, to } : undefined}
                columnWidth={COLUMN_WIDTH}
                selectedStepId={selectedStepId}
                onSelectStep={select}
              />
            </div>,
          );
        return;
      case "notes": {
        const kind = row.lane === "pain_points" ? "insight" : "opportunity";
        const grouped = kind === "insight" ? insights : opportunities;
        label(line, LANE_TITLES[row.lane]);
        for (const column of shown) {
          const step = column.step;
          columnCell(
            line,
            column,
            step ? (
              <NoteCards
                kind={kind}
                notes={grouped.get(step.id) ?? []}
                stepId={step.id}
                stepName={step.name}
                edit={edit}
                insightTitles={insightTitles}
                onSelectStep={select}
              />
            ) : null,
            `notes-cell band-${row.lane}`,
          );
        }
        return;
      }
      case "stageItems":
        label(
          line,
          <span className="label-stack">
            {LANE_TITLES[row.lane]}
            <span className="label-note">for the whole stage</span>
          </span>,
          `band-${row.lane}`,
        );
        for (const span of plan.stages) {
          if (span.start >= to || span.start + span.span <= from) continue;
          cells.push(
            <div key={`${line}-stage-${span.stage.id}`} className={`cell stage-items stage-start band-${row.lane}`} style={place(line, span.start + 2, span.span)}>
              <LaneList
                items={span.stage.lanes?.[row.lane]}
                at={{ anchor: "stage", anchorId: span.stage.id, lane: row.lane }}
                anchorName={span.stage.name}
                edit={edit}
                stakeholders={stakeholders}
              />
            </div>,
          );
        }
        return;
      case "stepItems":
        label(line, LANE_TITLES[row.lane], `band-${row.lane}`);
        for (const column of shown) {
          const step = column.step;
          columnCell(
            line,
            column,
            step ? (
              <LaneList
                items={step.lanes?.[row.lane]}
                at={{ anchor: "step", anchorId: step.id, lane: row.lane }}
                anchorName={step.name}
                edit={edit}
                stakeholders={stakeholders}
              />
            ) : null,
            `lane-cell band-${row.lane}`,
          );
        }
        return;
      case "visibility":
        label(line, "Line of visibility", "visibility-label");
        cells.push(
          <div key="visibility" className="visibility-line" style={place(line, 2, Math.max(count, 1))} role="separator">
            <span>Below this line: what the customer does not see</span>
          </div>,
        );
        return;
    }
  }

  function stepsCell(column: Column): ReactNode {
    const stage = column.stage;
    const last = column.positionInStage === (stage.steps?.length ?? 0) - 1 || column.step === null;
    const add = edit && last && (
      <AddInline
        label="Add step"
        ariaLabel={`Add step to ${stage.name}`}
        placeholder={`New step in ${stage.name}`}
        onAdd={(name) =>
          edit.change({
            type: "addStep",
            stageId: stage.id,
            step: { id: edit.newId(name, "step"), name } as never,
            position: AT_END,
          })
        }
      />
    );
    if (!column.step) {
      return (
        <div
          className="empty-stage"
          onDragOver={(event) => {
            if (edit) allowDrop(event, (item) => item.kind === "step");
          }}
          onDrop={(event) => {
            const item = dragged();
            if (!edit || item?.kind !== "step") return;
            event.preventDefault();
            edit.change({ type: "moveStep", id: item.id, stageId: stage.id, to: 0 });
            endDrag();
          }}
        >
          <p className="muted small">No steps in this stage yet.</p>
          {add}
        </div>
      );
    }
    return (
      <>
        <StepCard
          step={column.step}
          stageId={stage.id}
          position={column.positionInStage}
          edit={edit}
          selected={column.step.id === selectedStepId}
          onSelect={select}
          onDropStep={dropStep}
          onShift={shiftStep}
        />
        {add}
      </>
    );
  }

  const template = `${LABEL_WIDTH}px repeat(${count}, ${COLUMN_WIDTH}px)${edit ? ` ${ADD_STAGE_WIDTH}px` : ""}`;
  return (
    <div className="journey-grid" style={{ gridTemplateColumns: template }} data-testid="journey-grid">
      {cells}
    </div>
  );
});
