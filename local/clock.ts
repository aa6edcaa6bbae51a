/**
 * The local cloud's movable clock. Real time by default; `advance('30d')` moves it forward so
 * that months of waits, deadlines and check-ins can be shown and tested in seconds. The offset is
 * kept on disk (when a file is given) so a restart keeps the time it had reached.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';
}

/** Parses `30d`, `12h`, `90m`, `45s`, `500ms`, `2w` or a combination such as `1d12h`. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    consumed += match[0].length;
  }
  if (trimmed.length === 0 || consumed !== trimmed.length) {
    throw new InvalidDurationError(
      `duration ${JSON.stringify(text)} is not valid: use a number and a unit (ms, s, m, h, d, w), e.g. "30d" or "1d12h"`,
    );
  }
  return Math.round(total);
}

export type ClockListener = (now: number) => void;

export class LocalClock {
  private offset: number;
  private readonly listeners = new Set<ClockListener>();

  /** @param stateFile where the offset is kept across restarts; memory only when absent. */
  constructor(private readonly stateFile?: string) {
    this.offset = 0;
    if (stateFile) {
      try {
        const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { offsetMs?: unknown };
        if (typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs))
          this.offset = saved.offsetMs;
      } catch {
        // no saved offset yet: real time
      }
    }
  }

  now(): number {
    return Date.now() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward and tells every listener (the Step Functions runtime fires what fell due). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new InvalidDurationError('the clock only moves forward');
    this.offset += ms;
    if (this.stateFile) {
      mkdirSync(dirname(this.stateFile), { recursive: true });
      const tmp = `${this.stateFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({ offsetMs: this.offset }));
      renameSync(tmp, this.stateFile);
    }
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  onAdvance(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
