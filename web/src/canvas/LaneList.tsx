// The items of one text lane (actions, thoughts, frontstage, backstage, support) of one
// stage or step: edit in place, delete, reorder by dragging or Alt with an arrow, add.
import { memo } from "react";
import type { LaneItem } from "../api/types";
import type { LaneAddress } from "../journey/journeyOps";
import { AddInline } from "../ui/AddInline";
import { InlineText } from "../ui/InlineText";
import { allowDrop, dragged, endDrag, startDrag } from "./dragging";
import { type Editor, isDeleteKey, moveKey } from "./editor";
import { LANE_TITLES } from "./gridPlan";
import { TrashIcon } from "./StageHeader";

interface Props {
  items: LaneItem[] | undefined;
  at: LaneAddress;
  anchorName: string;
  edit: Editor | null;
  stakeholders: Map<string, string>;
}

export const LaneList = memo(function LaneList({ items = [], at, anchorName, edit, stakeholders }: Props) {
  const list = `${at.anchor}:${at.anchorId}:${at.lane}`;
  const lane = LANE_TITLES[at.lane].toLowerCase();
  const move = (from: number, to: number) => {
    if (edit && to >= 0 && to < items.length && to !== from) edit.change({ type: "moveLaneItem", at, from, to });
  };
  return (
    <div className="lane-list">
      {items.length > 0 && (
        <ul aria-label={`${LANE_TITLES[at.lane]} of ${anchorName}`}>
          {items.map((item, index) => (
            <li
              key={`${index}:${item.text}`}
              className="lane-item"
              data-testid="lane-item"
              draggable={Boolean(edit)}
              onDragStart={(event) => startDrag(event, { kind: "laneItem", list, index }, item.text)}
              onDragEnd={endDrag}
              onDragOver={(event) => {
                if (edit) allowDrop(event, (drag) => drag.kind === "laneItem" && drag.list === list);
              }}
              onDrop={(event) => {
                const drag = dragged();
                if (drag?.kind !== "laneItem" || drag.list !== list) return;
                event.preventDefault();
                event.stopPropagation();
                move(drag.index, index);
                endDrag();
              }}
              onKeyDown={(event) => {
                if (!edit) return;
                const by = moveKey(event, "y");
                if (by) {
                  event.preventDefault();
                  move(index, index + by);
                } else if (isDeleteKey(event)) {
                  event.preventDefault();
                  edit.change({ type: "removeLaneItem", at, index });
                }
              }}
            >
              <InlineText
                value={item.text}
                label={LANE_TITLES[at.lane]}
                multiline
                onSave={edit ? (text) => edit.change({ type: "updateLaneItem", at, index, item: { ...item, text } }) : undefined}
              />
              {item.by && <span className="lane-by">{stakeholders.get(item.by) ?? item.by}</span>}
              {edit && (
                <button
                  type="button"
                  className="icon-button danger item-delete"
                  aria-label={`Delete ${lane} item ${item.text}`}
                  onClick={() => edit.change({ type: "removeLaneItem", at, index })}
                >
                  <TrashIcon />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {edit && (
        <AddInline
          className="lane-add"
          label="Add"
          ariaLabel={`Add ${lane} item for ${anchorName}`}
          placeholder={`New ${lane} item for ${anchorName}`}
          onAdd={(text) => edit.change({ type: "addLaneItem", at, item: { text }, index: items.length })}
        />
      )}
    </div>
  );
});
