// Feeds a recorded push stream (`{t, msg}` lines) through the daemon's own EventIntake on the
// recorded time, so what comes out is what the daemon would fire: progress milestones,
// user-action detection, and events whose printer is the next `current`'s (a recording has no
// REST API to ask, so this is the daemon's fallback).
import { ManualClock } from '../../runtime/clock.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import { EventIntake } from '../../runtime/event-intake.js';
import { silentLogger } from '../../runtime/log/logger.js';
import { PrinterState } from '../../runtime/printer-state.js';
import { createSnapshotCache } from '../../runtime/snapshot/snapshot-cache.js';
import { sampleJpeg } from '../../compiler/test-event/sample-image.js';

export interface PushLine {
  t: number;
  msg: Record<string, unknown>;
}

/** Replays `pushed`; `fire` gets each firing and returns how many hooks took it. */
export function replayThroughIntake(pushed: PushLine[], progressHooks: Array<{ name: string; every: number }>, fire: (firing: Firing) => number): void {
  const printer = new PrinterState();
  const clock = new ManualClock(pushed[0]?.t ?? 0);
  const intake = new EventIntake({
    dispatcher: { fire },
    printer,
    progressHooks,
    clock,
    logger: silentLogger,
    newFiring: (core) => ({
      ...core,
      id: `firing-${core.at}-${core.trigger}`,
      snapshots: createSnapshotCache({
        fetch: async () => ({ bytes: Buffer.from(sampleJpeg()), format: 'jpeg', contentType: 'image/jpeg', ms: 0 }),
        logger: silentLogger,
      }),
      meta: async () => undefined,
    }),
  });
  for (const line of pushed) {
    clock.advance(Math.max(0, line.t - clock.now()));
    const [type] = Object.keys(line.msg);
    const body = line.msg[type] as never;
    if (type === 'history') intake.onHistory(body);
    else if (type === 'current') intake.onCurrent(body);
    else if (type === 'event') intake.onEvent(body);
    else if (type === 'plugin') intake.onPlugin(body);
  }
  intake.flush();
}
