// A small typed listener registry. Unlike node:events it has no special 'error' event, and a
// listener that throws is reported to `onListenerError` instead of breaking the push client.

export class Listeners<M extends object> {
  private readonly map = new Map<keyof M, Set<(value: never) => void>>();

  constructor(private readonly onListenerError: (event: string, err: unknown) => void) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof M>(event: K, fn: (value: M[K]) => void): () => void {
    let set = this.map.get(event);
    if (!set) this.map.set(event, (set = new Set()));
    set.add(fn as (value: never) => void);
    return () => set.delete(fn as (value: never) => void);
  }

  emit<K extends keyof M>(event: K, value: M[K]): void {
    const set = this.map.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (value: M[K]) => void)(value);
      } catch (err) {
        this.onListenerError(String(event), err);
      }
    }
  }
}
