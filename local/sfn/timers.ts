/**
 * Timers on the local clock: Wait states, retry intervals, task timeouts and heartbeats, and
 * execution timeouts all wait here for a moment of the (movable) local time. In real time the
 * earliest timer is armed with setTimeout; when the clock is advanced, every timer that fell due
 * fires in time order, each one's consequences settling before the next fires.
 */
import type { LocalClock } from '../clock';

interface Entry {
  readonly due: number;
  readonly seq: number;
  readonly fire: () => void;
}

/** A scheduled timer: `fired` resolves when it fires; `cancel` forgets it. */
export interface Timer {
  readonly fired: Promise<void>;
  cancel(): void;
}

/** Real setTimeout accepts at most 2^31-1 ms; later timers are re-armed on the way. */
const MAX_REAL_DELAY_MS = 2_147_483_647;

export class TimerService {
  private entries: Entry[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private firing: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private stopped = false;

  /**
   * @param clock the local clock that timers read.
   * @param settle resolves when what the last fired timer set in motion is done.
   */
  constructor(
    private readonly clock: LocalClock,
    private readonly settle: () => Promise<void>,
  ) {
    this.unsubscribe = clock.onAdvance(() => {
      void this.fireDue();
    });
  }

  /** A timer that fires when the local clock reaches `dueMs` (at once if it already has). */
  at(dueMs: number): Timer {
    let fire!: () => void;
    const fired = new Promise<void>((resolve) => {
      fire = resolve;
    });
    const entry: Entry = { due: dueMs, seq: this.seq++, fire };
    // Binary insertion keeps entries ordered by (due, seq): timers due together fire in the order made.
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.entries[mid]!;
      if (other.due < entry.due || (other.due === entry.due && other.seq < entry.seq)) low = mid + 1;
      else high = mid;
    }
    this.entries.splice(low, 0, entry);
    if (low === 0) this.arm();
    return {
      fired,
      cancel: () => {
        const index = this.entries.indexOf(entry);
        if (index >= 0) this.entries.splice(index, 1);
      },
    };
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.entries.length;
  }

  /** Fires every timer due at the clock's present time; resolves when they have all settled. */
  fireDue(): Promise<void> {
    this.firing = this.firing.then(() => this.drain());
    return this.firing;
  }

  /**
   * Moves the clock forward by `ms`, stopping at each timer's due time on the way so that what
   * a timer starts (another Wait, a retry) is timed from when it fired, as it would be in real
   * time. Resolves with the new time once everything that fell due has settled.
   */
  async advance(ms: number): Promise<number> {
    // Work under way (a Lambda call about to fail and schedule its retry) settles first.
    await this.settle();
    // Counted as offset still to add rather than as an absolute target: the real time that
    // passes while timers fire is on top, so a Wait entered when another fired is still due
    // within the same advance when it would have been in real time.
    let remaining = ms;
    for (;;) {
      await this.firing;
      const first = this.entries[0];
      if (!first || first.due > this.clock.now() + remaining) break;
      const step = Math.min(remaining, Math.max(0, first.due - this.clock.now()));
      this.clock.advance(step);
      remaining -= step;
      await this.fireDue();
    }
    this.clock.advance(remaining);
    await this.fireDue();
    return this.clock.now();
  }

  /** Forgets every timer and stops listening to the clock. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.realTimer) clearTimeout(this.realTimer);
    this.entries = [];
  }

  private async drain(): Promise<void> {
    for (;;) {
      const first = this.entries[0];
      if (this.stopped || !first || first.due > this.clock.now()) break;
      this.entries.shift();
      first.fire();
      await this.settle();
    }
    this.arm();
  }

  private arm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    const first = this.entries[0];
    if (this.stopped || !first) return;
    const delay = Math.min(MAX_REAL_DELAY_MS, Math.max(0, first.due - this.clock.now()));
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      void this.fireDue();
    }, delay);
    // The HTTP server keeps the process alive; a pending timer alone should not.
    this.realTimer.unref();
  }
}
