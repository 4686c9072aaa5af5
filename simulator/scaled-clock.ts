// A Clock that runs `speed` times faster than real time, for running the simulator's scripted
// prints quickly in real time (the demo, or tests that prefer real timers to a manual clock).
import { RealClock, type Clock, type ClockTimer } from '../runtime/clock.js';

export class ScaledClock implements Clock {
  private readonly real = new RealClock();
  private realBase = Date.now();
  private virtualBase = Date.now();

  constructor(private speedFactor = 1) {}

  get speed(): number {
    return this.speedFactor;
  }

  /** Changes the speed from now on; simulated time stays continuous. */
  set speed(value: number) {
    this.virtualBase = this.now();
    this.realBase = Date.now();
    this.speedFactor = value;
  }

  now(): number {
    return this.virtualBase + (Date.now() - this.realBase) * this.speedFactor;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    return this.real.setTimeout(fn, ms / this.speedFactor);
  }

  clearTimeout(timer: ClockTimer | undefined): void {
    this.real.clearTimeout(timer);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.real.sleep(ms / this.speedFactor, signal);
  }
}
