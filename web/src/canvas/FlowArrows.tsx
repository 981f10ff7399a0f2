// Arrows between steps: the plain sequence, `next` links, branches (a step with several
// ways on) and loops back, drawn over the columns. Non-adjacent links arc above the row.
import { memo } from "react";
import type { FlowLink } from "./gridPlan";

export const FLOW_HEIGHT = 44;
const CARD_INSET = 22;

interface Props {
  links: FlowLink[];
  columns: number;
  columnWidth: number;
  names: Map<string, string>;
}

function linkPath(link: FlowLink, width: number): string {
  const x1 = (link.from + 0.5) * width;
  const x2 = (link.to + 0.5) * width;
  const ground = FLOW_HEIGHT - 8;
  if (link.to === link.from + 1) {
    return `M${x1 + width / 2 - CARD_INSET},${ground} L${x2 - width / 2 + CARD_INSET},${ground}`;
  }
  const lift = Math.min(ground - 6, 10 + 6 * Math.abs(link.to - link.from));
  const mid = (x1 + x2) / 2;
  return `M${x1},${ground - 4} Q${mid},${ground - lift * 2} ${x2},${ground - 4}`;
}

export const FlowArrows = memo(function FlowArrows({ links, columns, columnWidth, names }: Props) {
  const width = columns * columnWidth;
  return (
    <svg
      className="flow-arrows"
      width={width}
      height={FLOW_HEIGHT}
      viewBox={`0 0 ${width} ${FLOW_HEIGHT}`}
      role="img"
      aria-label={`${links.filter((link) => link.kind !== "sequence").length} branches and links between steps`}
    >
      <defs>
        {(["sequence", "next", "branch", "loop"] as const).map((kind) => (
          <marker
            key={kind}
            id={`arrow-${kind}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className={`arrow-head arrow-${kind}`} />
          </marker>
        ))}
      </defs>
      {links.map((link) => (
        <path
          key={`${link.fromId}>${link.toId}`}
          className={`flow-link flow-${link.kind}`}
          d={linkPath(link, columnWidth)}
          markerEnd={`url(#arrow-${link.kind})`}
          data-testid="flow-link"
          data-kind={link.kind}
        >
          <title>{`${names.get(link.fromId) ?? link.fromId} → ${names.get(link.toId) ?? link.toId}${link.kind === "loop" ? " (back)" : link.kind === "branch" ? " (branch)" : ""}`}</title>
        </path>
      ))}
    </svg>
  );
});
