// The canvas toolbar's buttons for working together and presenting: story mode, the
// version history panel, and share links (editors and owners make them).
import { Link } from "react-router";

interface Props {
  storyPath: string;
  historyOpen: boolean;
  onHistory: () => void;
  /** Without it (viewers, commenters) there is no Share button. */
  onShare?: () => void;
}

export function TogetherTools({ storyPath, historyOpen, onHistory, onShare }: Props) {
  return (
    <div className="together-tools" role="group" aria-label="Present and share">
      <Link className="button" to={storyPath} title="Walk through the journey stage by stage, full screen">
        ▶ Story
      </Link>
      <button type="button" className="button" aria-pressed={historyOpen} onClick={onHistory} title="Versions, differences and restore">
        ⟲ History
      </button>
      {onShare && (
        <button type="button" className="button" onClick={onShare} title="Read-only links to the story">
          ⤴ Share
        </button>
      )}
    </div>
  );
}
