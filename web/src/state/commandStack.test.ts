import { describe, expect, it } from "vitest";
import { CommandStack } from "./commandStack";

/** A counter changed by +n / -n ops; `log` records every write that reached the "server". */
function counter(fail?: (op: number) => boolean) {
  const state = { value: 0, log: [] as number[] };
  const stack = new CommandStack<number>({
    run: async (op) => {
      await Promise.resolve();
      if (fail?.(op)) throw new Error(`refused ${op}`);
      state.value += op;
      state.log.push(op);
    },
    invert: (op) => -op,
    describe: (op) => (op > 0 ? `add ${op}` : `take ${-op}`),
  });
  return { state, stack };
}

describe("CommandStack", () => {
  it("undoes and redoes in order, each through a write of its own", async () => {
    const { state, stack } = counter();
    await stack.execute(1);
    await stack.execute(10);
    expect(state.value).toBe(11);
    expect(stack.state.undoLabel).toBe("add 10");

    expect(await stack.undo()).toBe(true);
    expect(state.value).toBe(1);
    expect(stack.state).toMatchObject({ canUndo: true, canRedo: true, redoLabel: "add 10" });
    expect(await stack.undo()).toBe(true);
    expect(await stack.undo()).toBe(false);
    expect(state.value).toBe(0);

    expect(await stack.redo()).toBe(true);
    expect(await stack.redo()).toBe(true);
    expect(await stack.redo()).toBe(false);
    expect(state.value).toBe(11);
    expect(state.log).toEqual([1, 10, -10, -1, 1, 10]);
  });

  it("forgets what was undone once a new change is made", async () => {
    const { state, stack } = counter();
    await stack.execute(1);
    await stack.execute(2);
    await stack.undo();
    await stack.execute(5);
    expect(stack.state.canRedo).toBe(false);
    expect(await stack.redo()).toBe(false);
    await stack.undo();
    await stack.undo();
    expect(state.value).toBe(0);
  });

  it("runs commands one at a time, in the order they were asked for", async () => {
    const { state, stack } = counter();
    await Promise.all([stack.execute(1), stack.execute(2), stack.undo(), stack.execute(4)]);
    expect(state.log).toEqual([1, 2, -2, 4]);
    expect(stack.state.busy).toBe(false);
  });

  it("leaves both stacks as they were when a write is refused", async () => {
    const { state, stack } = counter((op) => op === -7);
    await stack.execute(3);
    await stack.execute(7);
    await expect(stack.undo()).rejects.toThrow("refused -7");
    expect(stack.state).toMatchObject({ canUndo: true, canRedo: false, undoLabel: "add 7" });
    expect(state.value).toBe(10);
    await expect(stack.execute(-7)).rejects.toThrow("refused -7");
    expect(stack.state.undoLabel).toBe("add 7");
    // The queue keeps going after a failure.
    await stack.execute(1);
    expect(state.value).toBe(11);
  });

  it("works out each inverse just before it runs, so undo and redo keep a colleague's value", async () => {
    let current = "a";
    const stack = new CommandStack<string>({
      run: async (op) => {
        current = op;
      },
      invert: () => current,
    });
    await stack.execute("b");
    current = "b-changed-by-a-colleague";
    await stack.undo();
    expect(current).toBe("a");
    await stack.redo();
    expect(current).toBe("b-changed-by-a-colleague");
  });

  it("notifies listeners on every change of state", async () => {
    const { stack } = counter();
    const seen: boolean[] = [];
    const stop = stack.subscribe(() => seen.push(stack.getState().canUndo));
    await stack.execute(1);
    stop();
    await stack.execute(2);
    expect(seen).toEqual([false, true]);
  });
});
