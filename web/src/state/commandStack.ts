// Undo and redo for changes that are API writes. A command is run through `run` (which
// writes to the server); its inverse is worked out just before it runs, against the state
// it will change, so the inverse is right even when colleagues changed other things
// meanwhile. Commands run one at a time in order: each write needs the version the
// previous one produced. A write that fails leaves both stacks as they were.

export interface Command<Op> {
  forward: Op;
  backward: Op;
}

export interface CommandRunner<Op> {
  run: (op: Op) => Promise<void>;
  invert: (op: Op) => Op;
  describe?: (op: Op) => string;
  limit?: number;
}

export interface StackState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
}

export class CommandStack<Op> {
  private readonly undone: Command<Op>[] = [];
  private readonly done: Command<Op>[] = [];
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private snapshot: StackState;

  constructor(private readonly runner: CommandRunner<Op>) {
    this.snapshot = this.computeState();
  }

  /** Run `op` and make it undoable. Rejects with the runner's error if the write failed. */
  execute(op: Op): Promise<void> {
    return this.enqueue(async () => {
      const backward = this.runner.invert(op);
      await this.runner.run(op);
      this.push(this.done, { forward: op, backward });
      this.undone.length = 0;
    });
  }

  /** Take back the last change; false when there is none. */
  undo(): Promise<boolean> {
    return this.enqueue(() => this.replay(this.done, this.undone, "backward"));
  }

  /** Do again the last change undone; false when there is none. */
  redo(): Promise<boolean> {
    return this.enqueue(() => this.replay(this.undone, this.done, "forward"));
  }

  /** Forget everything (e.g. after the journey was reloaded from scratch). */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.notify();
  }

  get state(): StackState {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): StackState => this.snapshot;

  private async replay(
    from: Command<Op>[],
    to: Command<Op>[],
    direction: "forward" | "backward",
  ): Promise<boolean> {
    const command = from.at(-1);
    if (!command) return false;
    // Worked out again now: what undoes the undo is the state just before it runs.
    const op = command[direction];
    const reverse = this.runner.invert(op);
    await this.runner.run(op);
    from.pop();
    const again: Command<Op> =
      direction === "backward" ? { forward: reverse, backward: op } : { forward: op, backward: reverse };
    this.push(to, again);
    return true;
  }

  private push(stack: Command<Op>[], command: Command<Op>): void {
    stack.push(command);
    const limit = this.runner.limit ?? 200;
    if (stack.length > limit) stack.splice(0, stack.length - limit);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    this.notify();
    const result = this.queue.then(work).finally(() => {
      this.pending--;
      this.notify();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private computeState(): StackState {
    const describe = this.runner.describe ?? (() => "change");
    const lastDone = this.done.at(-1);
    const lastUndone = this.undone.at(-1);
    return {
      canUndo: lastDone !== undefined,
      canRedo: lastUndone !== undefined,
      undoLabel: lastDone ? describe(lastDone.forward) : null,
      redoLabel: lastUndone ? describe(lastUndone.forward) : null,
      busy: this.pending > 0,
    };
  }

  private notify(): void {
    this.snapshot = this.computeState();
    for (const listener of this.listeners) listener();
  }
}
