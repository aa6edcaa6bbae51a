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

/** A JSON value as events carry it: its text (never undefined: AWS shows `null`). */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** The `*Details` companion of a data field in an event; nothing is truncated locally. */
export const NOT_TRUNCATED = { truncated: false } as const;
