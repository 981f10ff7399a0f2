// The actual flow between steps, drawn under the desired arrows while the overlay is on:
// each observed move is a line as wide as its share of the busiest move, labelled with its
// count. A move the desired journey does not allow is purple, dashed and labelled
// "unexpected", so it never rests on colour alone. Moves back run below the line.
import { memo } from "react";
import { useEvidence } from "../evidence/EvidenceContext";
import type { Column } from "../canvas/gridPlan";
import { type ActualFlow, flowWidth } from "./actualOverlay";
import "./actual.css";

export const ACTUAL_FLOW_HEIGHT = 86;
const GROUND = 40;

interface Props {
  columns: readonly Column[];
  columnWidth: number;
}

interface Drawn {
  flow: ActualFlow;
  d: string;
  labelX: number;
  labelY: number;
  width: number;
}

function geometry(flow: ActualFlow, from: number, to: number, columnWidth: number, maxFlow: number): Drawn {
  const x1 = (from + 0.5) * columnWidth;
  const x2 = (to + 0.5) * columnWidth;
  const width = flowWidth(flow.count, maxFlow);
  if (to === from + 1) {
    return { flow, d: `M${x1 + 26},${GROUND} L${x2 - 26},${GROUND}`, labelX: (x1 + x2) / 2, labelY: GROUND - width / 2 - 5, width };
  }
  const back = to <= from;
  const span = Math.abs(to - from);
  const lift = Math.min(back ? 34 : 30, 12 + 6 * span) * (back ? -1 : 1);
  const mid = (x1 + x2) / 2;
  const y = back ? GROUND + 6 : GROUND - 6;
  const d = `M${x1},${y} Q${mid},${y - lift * 2} ${x2},${y}`;
  return { flow, d, labelX: mid, labelY: y - lift + (back ? 14 : -4), width };
}

export const ActualFlows = memo(function ActualFlows({ columns, columnWidth }: Props) {
  const { overlay } = useEvidence();
  if (overlay.mode !== "shown") return null;
  const { flows, maxFlow } = overlay.overlay;
  const columnOf = new Map(columns.flatMap((column) => (column.step ? [[column.step.id, column.index] as const] : [])));
  const names = new Map(columns.flatMap((column) => (column.step ? [[column.step.id, column.step.name] as const] : [])));
  const drawn = flows.flatMap((flow) => {
    const from = columnOf.get(flow.source);
    const to = columnOf.get(flow.target);
    return from === undefined || to === undefined ? [] : [geometry(flow, from, to, columnWidth, maxFlow)];
  });
  const width = columns.length * columnWidth;
  const unexpected = drawn.filter((item) => !item.flow.allowed).length;
  return (
    <svg
      className="actual-flows"
      width={width}
      height={ACTUAL_FLOW_HEIGHT}
      viewBox={`0 0 ${width} ${ACTUAL_FLOW_HEIGHT}`}
      role="img"
      aria-label={`Actual flow: ${drawn.length} observed moves between steps, ${unexpected} of them unexpected`}
      data-testid="actual-flows"
    >
      <defs>
        {drawn.map(({ flow, width: stroke }, at) => {
          const size = Math.round(8 + stroke * 0.9);
          return (
            <marker
              key={`${flow.source}>${flow.target}`}
              id={`actual-arrow-${at}`}
              viewBox="0 0 10 10"
              refX="6"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth={size}
              markerHeight={size}
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`actual-head${flow.allowed ? "" : " unexpected"}`} />
            </marker>
          );
        })}
      </defs>
      <text x={8} y={ACTUAL_FLOW_HEIGHT - 6} className="actual-caption">
        Actual flow (cases)
      </text>
      {drawn.map(({ flow, d, labelX, labelY, width: stroke }, at) => {
        const label = flow.allowed ? flow.count.toLocaleString("en-GB") : `unexpected · ${flow.count.toLocaleString("en-GB")}`;
        return (
          <g
            key={`${flow.source}>${flow.target}`}
            className={`actual-flow${flow.allowed ? "" : " unexpected"}`}
            data-testid="actual-flow"
            data-allowed={String(flow.allowed)}
            data-count={flow.count}
          >
            <title>{`${names.get(flow.source)} → ${names.get(flow.target)}: ${flow.count} moves by ${flow.cases} cases${flow.allowed ? "" : " (not in the desired journey)"}`}</title>
            <path d={d} strokeWidth={stroke} markerEnd={`url(#actual-arrow-${at})`} />
            <text x={labelX} y={labelY} textAnchor="middle" className="actual-flow-label">
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
});
