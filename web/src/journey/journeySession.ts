// One open journey: the document and version the canvas shows, the undo stack whose
// commands write to the API, and what colleagues' changes (heard on the live socket) do
// to it. React reads it through `useSyncExternalStore`.
import { type Api, unwrap } from "../api/client";
import { ApiError, StaleVersionError } from "../api/errors";
import type { Journey, StoredJourney } from "../api/types";
import { CommandStack } from "../state/commandStack";
import { type JourneyOp, describeOp, invertOp } from "./journeyOps";
import { type JourneyRef, writeOp } from "./journeyWriter";

export interface JourneyState {
  journey: Journey;
  version: number;
  /** A write refused because the journey moved on: shown with a reload button. */
  conflict: StaleVersionError | null;
  /** Any other failed change, shown until dismissed or the next change. */
  error: ApiError | Error | null;
  /** The journey went to the bin while open. */
  deleted: boolean;
}

export class JourneySession {
  readonly stack: CommandStack<JourneyOp>;
  private snapshot: JourneyState;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: Api,
    readonly ref: JourneyRef,
    initial: StoredJourney,
  ) {
    this.snapshot = { journey: initial.journey, version: initial.version, conflict: null, error: null, deleted: false };
    this.stack = new CommandStack<JourneyOp>({
      run: (op) => this.write(op),
      invert: (op) => invertOp(this.snapshot.journey, op),
      describe: describeOp,
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): JourneyState => this.snapshot;

  /** Make a change (undoable). Failures are shown through the state, not thrown. */
  change(op: JourneyOp): Promise<boolean> {
    return this.settle(this.stack.execute(op).then(() => true));
  }

  undo(): Promise<boolean> {
    return this.settle(this.stack.undo());
  }

  redo(): Promise<boolean> {
    return this.settle(this.stack.redo());
  }

  dismissError(): void {
    this.set({ error: null });
  }

  /** Fetch the current version (after a conflict, or when a colleague changed it). */
  async reload(): Promise<void> {
    const { data } = await unwrap(
      this.api.GET("/workspaces/{workspace_id}/journeys/{journey_id}", {
        params: { path: { workspace_id: this.ref.workspaceId, journey_id: this.ref.journeyId } },
      }),
    );
    // A slower answer must not undo a newer write of ours that landed meanwhile.
    if (data.version >= this.snapshot.version || this.snapshot.conflict) {
      this.set({ journey: data.journey, version: data.version, conflict: null, deleted: false });
    }
  }

  /** Without a live socket: look for a newer version now and then (never while writing). */
  async poll(): Promise<number> {
    if (!this.stack.state.busy && !this.snapshot.conflict) {
      try {
        await this.reload();
      } catch {
        // A failed look is tried again at the next poll.
      }
    }
    return this.snapshot.version;
  }

  /** A colleague's change was announced: reload unless it is one we already have. */
  async heard(version: number | null, type: string): Promise<void> {
    if (type === "journey.deleted") {
      this.set({ deleted: true });
      return;
    }
    if (version !== null && version > this.snapshot.version) await this.reload();
  }

  private async write(op: JourneyOp): Promise<void> {
    const { journey, version } = this.snapshot;
    const result = await writeOp(this.api, this.ref, { journey, version }, op);
    this.set({ journey: result.journey, version: result.version, error: null });
  }

  private async settle(work: Promise<boolean>): Promise<boolean> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof StaleVersionError) this.set({ conflict: error });
      else this.set({ error: error instanceof Error ? error : new Error(String(error)) });
      return false;
    }
  }

  private set(changes: Partial<JourneyState>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }
}
