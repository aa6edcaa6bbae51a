/**
 * Who the cases are waiting on: open tasks counted by assignee (a country, or a regional role for
 * tasks with no country) and kind, with how many are overdue and the oldest one's age. Pure
 * functions of the tasks and of "now", so the board's numbers can be reasoned about (and tested)
 * apart from the screen.
 */
import type { Task, TaskKind } from '../../../../shared/contracts/task';
import { TASK_KINDS } from '../../../../shared/contracts/task';

export { TASK_KINDS };

const DAY_MS = 86_400_000;

/** One assignee's open tasks of one kind. */
export interface Cell {
  readonly count: number;
  readonly overdue: number;
  /** Whole days since the oldest of them was created. */
  readonly oldestDays: number;
}

/** A row of the board: a country (`country`) or a regional role (`role`, e.g. `secretariat`). */
export interface Row {
  /** The country code, or `role:<assignedRole>` for tasks without a country. */
  readonly key: string;
  readonly country?: string;
  readonly role?: string;
  readonly cells: Partial<Record<TaskKind, Cell>>;
  readonly count: number;
  readonly overdue: number;
}

/** Whole days from `from` to `now` (0 when `from` is later). */
export function daysSince(from: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(from)) / DAY_MS));
}

/**
 * The instant the ages are counted to. The server's clock decides `overdue`; the browser's may lag
 * it (a local cloud whose clock was moved forward), so "now" is never before a task was created
 * nor before an overdue task's due date.
 */
export function referenceNow(tasks: readonly Task[], browserNow: number): number {
  let now = browserNow;
  for (const task of tasks) {
    now = Math.max(now, Date.parse(task.createdAt));
    if (task.overdue) now = Math.max(now, Date.parse(task.dueAt));
  }
  return now;
}

/** The open tasks by assignee and kind; rows with overdue tasks first, then the busiest, then by key. */
export function tallyTasks(tasks: readonly Task[], now: number): Row[] {
  const rows = new Map<
    string,
    {
      country?: string;
      role?: string;
      cells: Map<TaskKind, { count: number; overdue: number; oldest: number }>;
    }
  >();
  for (const task of tasks) {
    if (task.status !== 'open') continue;
    const key = task.assignedCountry ?? `role:${task.assignedRole}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        ...(task.assignedCountry ? { country: task.assignedCountry } : { role: task.assignedRole }),
        cells: new Map(),
      };
      rows.set(key, row);
    }
    const cell = row.cells.get(task.kind) ?? { count: 0, overdue: 0, oldest: Number.POSITIVE_INFINITY };
    cell.count += 1;
    if (task.overdue) cell.overdue += 1;
    cell.oldest = Math.min(cell.oldest, Date.parse(task.createdAt));
    row.cells.set(task.kind, cell);
  }
  return [...rows.entries()]
    .map(([key, row]) => {
      const cells: Partial<Record<TaskKind, Cell>> = {};
      let count = 0;
      let overdue = 0;
      for (const kind of TASK_KINDS) {
        const cell = row.cells.get(kind);
        if (!cell) continue;
        cells[kind] = {
          count: cell.count,
          overdue: cell.overdue,
          oldestDays: daysSince(new Date(cell.oldest).toISOString(), now),
        };
        count += cell.count;
        overdue += cell.overdue;
      }
      return {
        key,
        ...(row.country ? { country: row.country } : {}),
        ...(row.role ? { role: row.role } : {}),
        cells,
        count,
        overdue,
      };
    })
    .sort((a, b) => b.overdue - a.overdue || b.count - a.count || a.key.localeCompare(b.key));
}

/** The open overdue tasks, the longest overdue first. */
export function overdueFirst(tasks: readonly Task[]): Task[] {
  return tasks
    .filter((task) => task.status === 'open' && task.overdue)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.taskId.localeCompare(b.taskId));
}

/**
 * The case list closest to a board cell. The API lists cases by status and country, not by the
 * task they wait on, so a count links to the cases in the status that kind of task belongs to,
 * for that country (a regional role's row has no country).
 */
export const STATUS_OF_KIND: Record<TaskKind, string> = {
  country_approval: 'AWAITING_APPROVALS',
  disbursement_approval: 'AWAITING_DISBURSEMENT',
  arrival_confirmation: 'TRAVELLING',
  reintegration_checkin: 'REINTEGRATION',
  manual_booking: 'BOOKING',
};

export function caseListLink(kind: TaskKind, country: string | undefined): string {
  const query = new URLSearchParams({ status: STATUS_OF_KIND[kind] });
  if (country) query.set('country', country);
  return `/cases?${query.toString()}`;
}
