// The journey's websocket: the server announces every committed change; the page reloads
// the journey when one is newer than what it shows. When the socket cannot be opened (a
// proxy that blocks websockets, or a server without websocket support) the page polls
// instead, so colleagues' changes still arrive. Stops when the server refuses (no access)
// or the page goes away.
import { useEffect, useRef, useState } from "react";

export interface LiveMessage {
  type: string;
  journey_id: string;
  version: number | null;
  by?: string;
  at?: string;
}

export type LiveStatus = "connecting" | "live" | "polling";
const POLICY_VIOLATION = 1008;
export const POLL_EVERY_MS = 3000;

export function liveUrl(workspaceId: string, journeyId: string, location: Location = window.location): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/workspaces/${workspaceId}/journeys/${journeyId}/live`;
}

export function useLiveJourney(
  workspaceId: string,
  journeyId: string,
  onMessage: (message: LiveMessage) => void,
  poll: () => void,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handlers = useRef({ onMessage, poll });
  handlers.current = { onMessage, poll };

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let delay = 1000;
    const connect = () => {
      socket = new WebSocket(liveUrl(workspaceId, journeyId));
      socket.onopen = () => {
        delay = 1000;
        setStatus("live");
      };
      socket.onmessage = (event) => {
        try {
          handlers.current.onMessage(JSON.parse(String(event.data)) as LiveMessage);
        } catch {
          // Not a message of ours: nothing to do.
        }
      };
      socket.onclose = (event) => {
        if (stopped || event.code === POLICY_VIOLATION) return;
        setStatus("polling");
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [workspaceId, journeyId]);

  useEffect(() => {
    if (status !== "polling") return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") handlers.current.poll();
    }, POLL_EVERY_MS);
    return () => clearInterval(timer);
  }, [status]);
  return status;
}
