// Per-hook ordering without cross-hook waiting: each hook has its own chain of tasks, so
// its deliveries go out in event order, while a slow or hanging target only ever delays
// its own hook. Nothing here awaits on the caller's path: `enqueue` returns at once.
// A task that throws does not break its hook's chain; its `onFailure` says what it was.

export class HookQueues {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];

  /** Runs `task` after the hook's earlier tasks; a rejection goes to `onFailure`, never further. */
  enqueue(hook: string, task: () => Promise<unknown>, onFailure: (error: unknown) => void): void {
    this.pending++;
    const previous = this.tails.get(hook) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(async () => {
        await task();
      })
      .catch((error: unknown) => {
        try {
          onFailure(error);
        } catch {
          // A failing report must not break the chain either.
        }
      })
      .finally(() => {
        this.pending--;
        if (this.tails.get(hook) === next) this.tails.delete(hook);
        if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    this.tails.set(hook, next);
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves when every queued task has finished. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
