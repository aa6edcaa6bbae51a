/**
 * One execution's state in memory and its records in the journal. Every history event is keyed
 * by where it happens (`<scope><State>#<visit>/a<attempt>>what`), so that resuming an execution
 * after a restart replays its definition against what was recorded: an event already recorded is
 * not recorded again, and a state whose exit is recorded is not run again.
 */
import type { LocalClock } from '../clock';
import type { AslMachine } from './asl-types';
import { CancelledError, CancelScope } from './cancel-scope';
import type { HistoryEvent } from './history';
import { type Journal, ON_DISK } from './journal';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What StartExecution recorded. Times are epoch ms. */
export interface ExecutionStart {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** The definition as it was when the execution started: later updates do not change it. */
  readonly definition: string;
  readonly roleArn: string;
  /** The input as given (JSON text). */
  readonly input: string;
  readonly startDate: number;
}

/** How an execution ended. */
export interface ExecutionClose {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly stopDate: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** What an event records beyond the event itself, for replay: where a state went next. */
export interface EventMeta {
  readonly next?: string | null;
  readonly ok?: boolean;
}

/** Records of the journal that belong to executions. */
export type ExecutionRecord =
  | { readonly r: 'start'; readonly start: ExecutionStart }
  | {
      readonly r: 'event';
      readonly x: string;
      readonly k: string;
      readonly e: HistoryEvent;
      readonly m?: EventMeta;
    }
  | { readonly r: 'note'; readonly x: string; readonly k: string; readonly v: unknown }
  | { readonly r: 'close'; readonly x: string; readonly close: ExecutionClose };

/** A sequential line of work: the execution itself, a Parallel branch or a Map iteration. */
export interface Thread {
  /** Prefix of the keys of its events: '' for the execution, `<key>/b0/` for a branch... */
  readonly scope: string;
  /** Id of its latest event: the next event's previousEventId. */
  last: number;
  /** Visits per state name, so that loops give each visit its own key. */
  readonly visits: Map<string, number>;
}

export interface Recorded {
  readonly event: HistoryEvent;
  readonly meta?: EventMeta;
}

export class Execution {
  status: ExecutionStatus = 'RUNNING';
  closeInfo: ExecutionClose | undefined;
  readonly events: HistoryEvent[] = [];
  /** Cancelled when the execution ends: whatever still waits stops. */
  readonly scope = new CancelScope();
  /** Events read back from the journal, by key; made only for an execution a restart resumes. */
  private byKey: Map<string, Recorded> | undefined;
  private readonly notes = new Map<string, unknown>();

  constructor(
    readonly start: ExecutionStart,
    readonly machine: AslMachine,
    readonly inputValue: unknown,
    private readonly journal: Journal,
    private readonly clock: LocalClock,
  ) {}

  get arn(): string {
    return this.start.arn;
  }

  /** The parts of the context object (`$$`) that every state of the execution sees alike. */
  get context(): {
    readonly Execution: Record<string, unknown>;
    readonly StateMachine: Record<string, unknown>;
  } {
    this.contextParts ??= {
      Execution: {
        Id: this.start.arn,
        Input: this.inputValue,
        Name: this.start.name,
        RoleArn: this.start.roleArn,
        StartTime: new Date(this.start.startDate).toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: this.start.stateMachineArn, Name: this.start.stateMachineName },
    };
    return this.contextParts;
  }

  private contextParts: Execution['context'] | undefined;

  /** The event recorded under `key` before a restart, if any. */
  recorded(key: string): Recorded | undefined {
    return this.byKey?.get(key);
  }

  /**
   * Records an event under `key` (once: an event recorded there before a restart is returned as
   * it was) and makes it the thread's latest. `durable` resolves when the event is on disk.
   */
  emit(
    thread: Thread,
    key: string,
    type: string,
    details: Record<string, unknown>,
    meta?: EventMeta,
  ): { event: HistoryEvent; durable: Promise<void> } {
    const existing = this.recorded(key);
    if (existing) {
      thread.last = existing.event.id;
      return { event: existing.event, durable: ON_DISK };
    }
    if (this.status !== 'RUNNING') throw new CancelledError('the execution has ended');
    const event = this.append(type, details, thread.last);
    thread.last = event.id;
    const durable = this.journal.writes
      ? this.journal.append({ r: 'event', x: this.arn, k: key, e: event, m: meta })
      : ON_DISK;
    return { event, durable };
  }

  /** A value computed once and kept (a retry's due time with its jitter), the same after a restart. */
  note<T>(key: string, produce: () => T): { value: T; durable: Promise<void> } {
    if (this.notes.has(key)) return { value: this.notes.get(key) as T, durable: ON_DISK };
    return { value: this.setNote(key, produce()).value, durable: this.lastNoteWrite };
  }

  /** Records a value (overwriting: a heartbeat's latest time). */
  setNote<T>(key: string, value: T): { value: T; durable: Promise<void> } {
    this.notes.set(key, value);
    this.lastNoteWrite = this.journal.append({ r: 'note', x: this.arn, k: key, v: value });
    return { value, durable: this.lastNoteWrite };
  }

  getNote(key: string): unknown {
    return this.notes.get(key);
  }

  /**
   * Ends the execution with its closing event; everything still waiting in it is cancelled.
   * Resolves when the end is on disk. Does nothing when it has already ended.
   */
  async close(
    previousEventId: number,
    close: Omit<ExecutionClose, 'stopDate'>,
    type: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    if (this.status !== 'RUNNING') return;
    const stopDate = this.clock.now();
    const info: ExecutionClose = { ...close, stopDate };
    this.status = info.status;
    this.closeInfo = info;
    const event = this.append(type, details, previousEventId);
    const eventWritten = this.journal.append({ r: 'event', x: this.arn, k: 'end', e: event });
    const closeWritten = this.journal.append({ r: 'close', x: this.arn, close: info });
    this.scope.cancel(`the execution ended: ${info.status}`);
    this.forgetReplay();
    await Promise.all([eventWritten, closeWritten]);
  }

  /** Applies a record read back from the journal. */
  restore(record: ExecutionRecord): void {
    if (record.r === 'event') {
      this.events.push(record.e);
      this.byKey ??= new Map();
      this.byKey.set(record.k, { event: record.e, meta: record.m });
    } else if (record.r === 'note') {
      this.notes.set(record.k, record.v);
    } else if (record.r === 'close') {
      this.status = record.close.status;
      this.closeInfo = record.close;
      this.scope.cancel('the execution had ended');
      this.forgetReplay();
    }
  }

  /** An ended execution is never replayed: what replay looks events up by is let go. */
  private forgetReplay(): void {
    this.byKey = undefined;
    this.notes.clear();
  }

  private lastNoteWrite: Promise<void> = ON_DISK;

  private append(type: string, details: Record<string, unknown>, previous: number): HistoryEvent {
    // Fixed fields first: an object literal that begins with a spread is many times slower to make.
    const event: HistoryEvent = {
      id: this.events.length + 1,
      previousEventId: previous,
      timestamp: this.clock.now(),
      type,
      ...details,
    };
    // Not indexed by key: keys are unique within a run, and replay looks up only what a restart
    // read back from the journal (restore).
    this.events.push(event);
    return event;
  }
}
