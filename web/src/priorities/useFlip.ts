// Rows that change place glide there (FLIP: measure, then play the difference back), so a
// rank change is seen as movement, not as a sudden reshuffle. Skipped for people who ask
// for reduced motion, and where the browser cannot animate (tests).
import { useCallback, useLayoutEffect, useRef } from "react";

const DURATION_MS = 360;

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** `order` is the rows' keys in display order; returns a ref setter per key. */
export function useFlip(order: readonly string[]) {
  const nodes = useRef(new Map<string, HTMLElement>());
  const tops = useRef(new Map<string, number>());
  const signature = order.join("\n");

  useLayoutEffect(() => {
    const still = prefersReducedMotion();
    for (const [key, node] of nodes.current) {
      const top = node.offsetTop;
      const before = tops.current.get(key);
      if (before !== undefined && before !== top && !still && typeof node.animate === "function") {
        node.animate([{ transform: `translateY(${before - top}px)` }, { transform: "translateY(0)" }], {
          duration: DURATION_MS,
          easing: "cubic-bezier(0.2, 0.7, 0.3, 1)",
        });
      }
      tops.current.set(key, top);
    }
  }, [signature]);

  return useCallback(
    (key: string) => (node: HTMLElement | null) => {
      if (node) nodes.current.set(key, node);
      else {
        nodes.current.delete(key);
        tops.current.delete(key);
      }
    },
    [],
  );
}
