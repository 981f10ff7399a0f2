// The Fullscreen API for one element, with a fallback: where the browser refuses (no API,
// an iframe without permission, no user gesture) the story still fills the window, as a
// fixed layer over the page, so presenting never depends on it.
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

export interface Fullscreen {
  /** The element is in the browser's full screen right now. */
  active: boolean;
  supported: boolean;
  enter: () => Promise<boolean>;
  exit: () => Promise<void>;
}

export function useFullscreen(target: RefObject<HTMLElement | null>, onLeft: () => void): Fullscreen {
  const [active, setActive] = useState(false);
  const supported = typeof document !== "undefined" && Boolean(document.fullscreenEnabled);
  const entered = useRef(false);
  const leaving = useRef(onLeft);
  leaving.current = onLeft;

  useEffect(() => {
    const changed = () => {
      const now = document.fullscreenElement === target.current && target.current !== null;
      setActive(now);
      // The browser took us out (Escape, F11): the presenter meant to leave.
      if (!now && entered.current) {
        entered.current = false;
        leaving.current();
      }
      if (now) entered.current = true;
    };
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, [target]);

  const enter = useCallback(async () => {
    const element = target.current;
    if (!element || !supported || typeof element.requestFullscreen !== "function") return false;
    try {
      await element.requestFullscreen({ navigationUI: "hide" });
      return true;
    } catch {
      return false; // refused: the fixed layer stands in
    }
  }, [target, supported]);

  const exit = useCallback(async () => {
    entered.current = false;
    if (document.fullscreenElement && typeof document.exitFullscreen === "function") {
      try {
        await document.exitFullscreen();
      } catch {
        // already out
      }
    }
  }, []);

  useEffect(
    () => () => {
      if (entered.current && document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
    },
    [],
  );
  return { active, supported, enter, exit };
}
