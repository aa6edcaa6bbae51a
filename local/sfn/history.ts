/**
 * History events as GetExecutionHistory returns them: AWS's event types and detail fields.
 * Times are kept in epoch milliseconds and turned into epoch seconds by the server.
 */

/** One event of an execution's history. Detail fields are named as in the API (`stateEnteredEventDetails`...). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** A JSON value's text as the API shows it (never undefined: AWS shows `null`). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * A JSON value an event carries (a state's input or output, a task's parameters or result): kept
 * as the value, and written as its text only when the event is (by JSON.stringify, to the journal
 * or in an API answer). Most events are never read, every state records two, and the output of
 * one state is the input of the next: the text would cost each of them its own copy. Safe
 * because the interpreter never changes a value once made (asl/ functions return new ones).
 */
export class EventJson {
  constructor(readonly value: unknown) {}

  toJSON(): string {
    return jsonText(this.value);
  }
}

/** A data field of an event as the interpreter records it. */
export function json(value: unknown): EventJson {
  return new EventJson(value);
}

/** The value of a data field of an event: recorded in this process, or read back from the journal (text). */
export function eventValue(field: unknown): unknown {
  if (field instanceof EventJson) return field.value;
  return typeof field === 'string' ? (JSON.parse(field) as unknown) : null;
}

/** The `*Details` companion of a data field in an event; nothing is truncated locally. */
export const NOT_TRUNCATED = { truncated: false } as const;
