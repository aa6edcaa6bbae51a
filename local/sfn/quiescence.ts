/**
 * Knows whether the runtime has work in flight. Every execution thread counts as busy except
 * while it waits on a timer, a task token or its own branches; every Lambda invocation counts as
 * busy until it answers. Advancing the clock fires one due timer, then waits for quiescence
 * before the next, so what a timer sets in motion (a Lambda call, the next Wait) is done before
 * later timers fire, and the order of events is the same on every run.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';

export class Quiescence {
  private busy = 0;
  private idleWaiters: Array<() => void> = [];

  /** Marks one more piece of work as in flight. */
  enter(): void {
    this.busy += 1;
  }

  /** Marks one piece of work as done. */
  leave(): void {
    this.busy -= 1;
    if (this.busy === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Awaits `wait` as not busy: the caller is blocked on something outside the runtime. */
  blocked<T>(wait: Promise<T>): Promise<T> {
    this.leave();
    return wait.finally(this.enterBound);
  }

  private readonly enterBound = (): void => this.enter();

  /**
   * Resolves once nothing is busy and the event loop has had a turn to start anything that was
   * about to start. Gives up after `maxMs` of real time so that a hung Lambda cannot hang the clock.
   */
  async idle(maxMs = 30_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      await nextMacrotask();
      if (this.busy <= 0) {
        await nextMacrotask();
        if (this.busy <= 0) return;
      }
      const left = deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }
}
