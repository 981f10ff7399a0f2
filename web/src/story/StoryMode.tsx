// Story mode: the journey told stage by stage in big type for a workshop or a training
// room. Arrows, Space and Page keys move; Home and End jump; Escape leaves (and leaving the
// browser's full screen leaves too). Read-only by construction: nothing here can edit.
import { useCallback, useEffect, useRef, useState } from "react";
import { type Slide, type StoryStep, emotionHeight, moveTo, storyMove } from "./storyModel";
import { useFullscreen } from "./useFullscreen";
import "./story.css";

interface Props {
  slides: Slide[];
  title: string;
  onExit: () => void;
  /** Ask for the browser's full screen on opening (needs the click that opened it). */
  fullscreen?: boolean;
  /** A line under the title bar, e.g. "Shared read-only". */
  badge?: string;
}

export function StoryMode({ slides, title, onExit, fullscreen = true, badge }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const leave = useRef(onExit);
  leave.current = onExit;
  const screen = useFullscreen(root, () => leave.current());
  const slide = slides[Math.min(index, slides.length - 1)];

  const exit = useCallback(() => {
    void screen.exit().then(() => leave.current());
  }, [screen]);

  useEffect(() => {
    root.current?.focus();
    if (fullscreen) void screen.enter();
    // Once, on opening.
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      // Enter and Space on a focused button press that button, as everywhere.
      if ((event.key === " " || event.key === "Enter") && target?.closest("button, a, input, select, textarea")) return;
      const move = storyMove(event);
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      if (move === "exit") exit();
      else setIndex((at) => moveTo(at, slides.length, move));
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [exit, slides.length]);

  if (!slide) return null;
  const where = slide.kind === "stage" ? `Stage ${slide.number} of ${slide.of}: ${slide.name}` : slide.kind === "intro" ? "Introduction" : "Closing";
  return (
    <div
      ref={root}
      className="story"
      role="dialog"
      aria-modal="true"
      aria-label={`Story mode: ${title}`}
      tabIndex={-1}
      data-testid="story-mode"
      data-fullscreen={screen.active ? "api" : "fallback"}
    >
      <header className="story-bar">
        <span className="story-brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> {title}
        </span>
        {badge && <span className="story-badge">{badge}</span>}
        <ol className="story-dots" aria-label="Progress">
          {slides.map((item, at) => (
            <li key={at} className={at === index ? "here" : at < index ? "seen" : undefined}>
              <button type="button" aria-label={`Go to ${labelOf(item)}`} aria-current={at === index ? "step" : undefined} onClick={() => setIndex(at)} />
            </li>
          ))}
        </ol>
        {screen.supported && !screen.active && (
          <button type="button" className="story-button quiet" onClick={() => void screen.enter()}>
            ⛶ Full screen
          </button>
        )}
        <button type="button" className="story-button quiet" onClick={exit}>
          Leave <kbd>Esc</kbd>
        </button>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {where}
      </p>
      <section className="story-slide" key={index} aria-label={where} data-testid="story-slide" data-kind={slide.kind}>
        {slide.kind === "intro" && <Intro slide={slide} />}
        {slide.kind === "stage" && <StageSlide slide={slide} />}
        {slide.kind === "close" && <Close slide={slide} />}
      </section>
      <footer className="story-controls">
        <button type="button" className="story-button" disabled={index === 0} onClick={() => setIndex((at) => moveTo(at, slides.length, "previous"))}>
          ← Previous
        </button>
        <span className="story-count" data-testid="story-count">
          {index + 1} / {slides.length}
        </span>
        <button
          type="button"
          className="story-button primary"
          disabled={index === slides.length - 1}
          onClick={() => setIndex((at) => moveTo(at, slides.length, "next"))}
        >
          Next →
        </button>
        <span className="story-hint" aria-hidden="true">
          <kbd>←</kbd> <kbd>→</kbd> or <kbd>Space</kbd> to move · <kbd>Esc</kbd> to leave
        </span>
      </footer>
    </div>
  );
}

function labelOf(slide: Slide): string {
  if (slide.kind === "stage") return `stage ${slide.number}: ${slide.name}`;
  return slide.kind === "intro" ? "the introduction" : "the closing";
}

function Intro({ slide }: { slide: Extract<Slide, { kind: "intro" }> }) {
  return (
    <div className="story-intro">
      <p className="story-kicker">A customer journey</p>
      <h1 className="story-title">{slide.title}</h1>
      {slide.personas.length > 0 && <p className="story-persona">Through the eyes of {slide.personas.join(" and ")}</p>}
      {slide.description && <p className="story-lead">{slide.description}</p>}
      {slide.stages.length > 0 && (
        <ol className="story-path" aria-label="Stages">
          {slide.stages.map((name, at) => (
            <li key={at}>
              <span className="story-path-number">{at + 1}</span> {name}
            </li>
          ))}
        </ol>
      )}
      <p className="story-start muted-on-dark">
        Press <kbd>→</kbd> or <kbd>Space</kbd> to begin
      </p>
    </div>
  );
}

function StageSlide({ slide }: { slide: Extract<Slide, { kind: "stage" }> }) {
  return (
    <div className="story-stage">
      <p className="story-kicker">
        Stage {slide.number} of {slide.of}
      </p>
      <h1 className="story-title" data-testid="story-stage-name">
        {slide.name}
      </h1>
      {(slide.goal || slide.needs.length > 0) && (
        <div className="story-why">
          {slide.goal && (
            <div>
              <h2 className="story-label">The customer wants to</h2>
              <p className="story-goal">{slide.goal}</p>
            </div>
          )}
          {slide.needs.length > 0 && (
            <div>
              <h2 className="story-label">They need</h2>
              <ul className="story-needs">
                {slide.needs.map((need) => (
                  <li key={need}>{need}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {slide.steps.length === 0 ? (
        <p className="muted-on-dark">No steps in this stage yet.</p>
      ) : (
        <StepsWithEmotion steps={slide.steps} />
      )}
      {slide.quotes.length > 0 && (
        <section className="story-quotes" aria-label="What customers said">
          {slide.quotes.map((quote) => (
            <figure key={quote.text} className="story-quote">
              <blockquote>{quote.text}</blockquote>
              <figcaption>— {quote.about}</figcaption>
            </figure>
          ))}
        </section>
      )}
    </div>
  );
}

function Glyph({ step }: { step: StoryStep }) {
  return <span aria-hidden="true">{step.tone === "negative" ? "▼" : step.tone === "positive" ? "▲" : step.tone === "neutral" ? "●" : "○"}</span>;
}

/** More steps than this in a stage and their cards get smaller type. */
const DENSE = 5;

/** The steps side by side, and under them the emotion curve around its baseline: a pain
 * point sits below it, in red, with a ▼ and the words "Pain point". */
function StepsWithEmotion({ steps }: { steps: StoryStep[] }) {
  const count = steps.length;
  const x = (at: number) => ((at + 0.5) / count) * 100;
  const points = steps
    .map((step, at) => (step.emotion == null ? null : `${x(at)},${emotionHeight(step.emotion) * 100}`))
    .filter(Boolean)
    .join(" ");
  return (
    <section
      className={`story-steps${count > DENSE ? " dense" : ""}`}
      aria-label="Steps and emotions"
      style={{ gridTemplateColumns: `repeat(${count}, minmax(0, 1fr))` }}
    >
      {steps.map((step) => (
        <article key={step.id} className={`story-step tone-${step.tone ?? "none"}`} data-testid="story-step">
          {step.channel && <span className="story-channel">{step.channel}</span>}
          <h3 title={step.name}>{step.name}</h3>
        </article>
      ))}
      <div className="story-curve" style={{ gridColumn: `1 / span ${count}` }}>
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          <rect x="0" y="50" width="100" height="50" className="below" />
          <line x1="0" x2="100" y1="50" y2="50" className="baseline" vectorEffect="non-scaling-stroke" />
          {points && <polyline points={points} className="line" vectorEffect="non-scaling-stroke" />}
        </svg>
        <span className="story-baseline-label" aria-hidden="true">
          Baseline
        </span>
        {steps.map((step, at) =>
          step.emotion == null ? null : (
            <span
              key={step.id}
              className={`story-point tone-${step.tone}${step.emotion < 0 ? " below" : ""}`}
              style={{ left: `${x(at)}%`, top: `${emotionHeight(step.emotion) * 100}%`, maxWidth: `calc(${100 / count}% - 0.5rem)` }}
              data-testid="story-point"
            >
              <span className="dot">
                <Glyph step={step} />
              </span>
              <span className="point-label">{step.label}</span>
            </span>
          ),
        )}
      </div>
      <ul className="visually-hidden">
        {steps.map((step) => (
          <li key={step.id}>
            {step.name}: {step.label}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Close({ slide }: { slide: Extract<Slide, { kind: "close" }> }) {
  return (
    <div className="story-close">
      <p className="story-kicker">End of the journey</p>
      <h1 className="story-title">{slide.lows.length ? "Where it hurts most" : slide.title}</h1>
      {slide.lows.length ? (
        <ol className="story-lows">
          {slide.lows.map((step) => (
            <li key={step.id}>
              <span className="story-low-label tone-negative">
                <Glyph step={step} /> {step.label}
              </span>
              <span className="story-low-name">{step.name}</span>
              <span className="muted-on-dark">in {step.stage}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="story-lead">No step falls below the baseline.</p>
      )}
      <p className="story-start muted-on-dark">
        Press <kbd>Esc</kbd> to leave
      </p>
    </div>
  );
}
