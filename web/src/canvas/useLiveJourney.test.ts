import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POLL_EVERY_MS, useLiveJourney } from "./useLiveJourney";

/** A stand-in for the browser's WebSocket that the test opens, feeds and closes. */
class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal("WebSocket", FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("useLiveJourney", () => {
  it("opens the socket first and, while it is open, never polls", () => {
    const poll = vi.fn();
    const onMessage = vi.fn();
    const { result } = renderHook(() => useLiveJourney("ws1", "j1", onMessage, poll));
    expect(result.current).toBe("connecting");
    expect(FakeSocket.made[0]!.url).toBe(`ws://${window.location.host}/workspaces/ws1/journeys/j1/live`);
    act(() => FakeSocket.made[0]!.onopen!());
    expect(result.current).toBe("live");
    act(() => FakeSocket.made[0]!.onmessage!({ data: '{"type":"journey.updated","journey_id":"j1","version":2}' }));
    expect(onMessage).toHaveBeenCalledWith({ type: "journey.updated", journey_id: "j1", version: 2 });
    act(() => void vi.advanceTimersByTime(POLL_EVERY_MS * 3));
    expect(poll).not.toHaveBeenCalled();
  });

  it("polls when the socket cannot be opened, and stops once it reconnects", () => {
    const poll = vi.fn();
    const { result } = renderHook(() => useLiveJourney("ws1", "j1", vi.fn(), poll));
    act(() => FakeSocket.made[0]!.onclose!({ code: 1006 }));
    expect(result.current).toBe("polling");
    act(() => void vi.advanceTimersByTime(POLL_EVERY_MS));
    expect(poll).toHaveBeenCalledTimes(1);
    // The retry (after a second) opens a new socket; polling stops when it is open.
    expect(FakeSocket.made).toHaveLength(2);
    act(() => FakeSocket.made[1]!.onopen!());
    expect(result.current).toBe("live");
    act(() => void vi.advanceTimersByTime(POLL_EVERY_MS * 2));
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("gives up quietly when the server refuses the caller (no access)", () => {
    const poll = vi.fn();
    renderHook(() => useLiveJourney("ws1", "j1", vi.fn(), poll));
    act(() => FakeSocket.made[0]!.onclose!({ code: 1008 }));
    act(() => void vi.advanceTimersByTime(60_000));
    expect(FakeSocket.made).toHaveLength(1);
    expect(poll).not.toHaveBeenCalled();
  });
});
