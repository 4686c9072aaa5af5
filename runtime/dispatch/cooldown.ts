// `cooldown 60s`: a repeat of the same trigger on the same hook inside the window is
// dropped. The window counts from the last firing that was let through (not the last
// send attempt), with real total milliseconds: the plugin's fork used timedelta.seconds,
// which wraps at a day.

export class Cooldowns {
  private readonly last = new Map<string, number>();

  /** True when the firing may go out; records it. */
  allow(hook: string, trigger: string, windowMs: number, now: number): boolean {
    if (windowMs <= 0) return true;
    const key = `${hook}\u0000${trigger}`;
    const prev = this.last.get(key);
    if (prev !== undefined && now - prev < windowMs) return false;
    this.last.set(key, now);
    return true;
  }

  /** Gives back the window a firing took at `now` when a condition then suppressed it: nothing was sent. */
  release(hook: string, trigger: string, now: number): void {
    const key = `${hook}\u0000${trigger}`;
    if (this.last.get(key) === now) this.last.delete(key);
  }
}
