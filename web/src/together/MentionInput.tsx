// A comment box that suggests workspace members after '@': arrows move through the
// suggestions, Enter or Tab picks one, Escape closes the list. Ctrl+Enter sends.
import { type KeyboardEvent, useId, useRef, useState } from "react";
import { type MentionQuery, type User, completeMention, handleFor, mentionAt, suggestMembers } from "./mentions";

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  members: readonly User[];
  label: string;
  disabled?: boolean;
}

export function MentionInput({ value, onChange, onSubmit, members, label, disabled }: Props) {
  const field = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const fieldId = useId();
  const suggestions = query ? suggestMembers(members, query.query) : [];
  const open = suggestions.length > 0;

  const look = (text: string, caret: number) => {
    const found = mentionAt(text, caret);
    setQuery(found);
    setActive(0);
  };
  const pick = (user: User) => {
    const area = field.current;
    if (!area || !query) return;
    const done = completeMention(value, area.selectionStart, query, handleFor(user, members));
    onChange(done.text);
    setQuery(null);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(done.caret, done.caret);
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation(); // the canvas's shortcuts are not for text being typed
    if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const by = event.key === "ArrowDown" ? 1 : -1;
      setActive((at) => (at + by + suggestions.length) % suggestions.length);
    } else if (open && (event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      pick(suggestions[active] ?? suggestions[0]!);
    } else if (open && event.key === "Escape") {
      event.preventDefault();
      setQuery(null);
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="mention-input">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        ref={field}
        rows={3}
        value={value}
        disabled={disabled}
        placeholder="Write a comment; type @ to mention a colleague"
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          look(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") {
            look(event.currentTarget.value, event.currentTarget.selectionStart);
          }
        }}
        onClick={(event) => look(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-list">
          {suggestions.map((user, index) => (
            <li
              key={user.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? "active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the focus (and the caret) in the text
                pick(user);
              }}
            >
              <span className="avatar" aria-hidden="true">
                {initials(user.display_name)}
              </span>
              <span className="mention-name">{user.display_name}</span>
              <span className="mention-handle">@{handleFor(user, members)}</span>
            </li>
          ))}
        </ul>
      )}
      <span className="visually-hidden" role="status">
        {open ? `${suggestions.length} member${suggestions.length === 1 ? "" : "s"} match; arrows to choose, Enter to pick` : ""}
      </span>
    </div>
  );
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? words[words.length - 1]![0]! : "")).toUpperCase();
}
