import type { Task, TaskKind, TaskStatus } from '../../../shared/contracts/task';
import {
  caseListLink,
  daysSince,
  overdueFirst,
  referenceNow,
  tallyTasks,
} from '../../../web/src/screens/board/tally';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2024-06-10T12:00:00Z');

let serial = 0;
function task(
  kind: TaskKind,
  assignee: { country?: Task['assignedCountry']; role?: string },
  details: {
    createdAt?: string;
    dueAt?: string;
    overdue?: boolean;
    status?: TaskStatus;
    taskId?: string;
  } = {},
): Task {
  serial += 1;
  return {
    taskId: details.taskId ?? `t-${String(serial).padStart(3, '0')}`,
    kind,
    caseId: `c-${serial}`,
    status: details.status ?? 'open',
    assignedRole: assignee.role ?? 'consular_officer',
    ...(assignee.country ? { assignedCountry: assignee.country } : {}),
    createdAt: details.createdAt ?? '2024-06-09T12:00:00Z',
    dueAt: details.dueAt ?? '2024-06-20T12:00:00Z',
    overdue: details.overdue ?? false,
    title: `${kind} for case c-${serial}`,
  };
}

describe('days since a moment', () => {
  it('counts whole days, rounding down', () => {
    expect(daysSince('2024-06-07T12:00:00Z', NOW)).toBe(3);
    expect(daysSince('2024-06-07T12:00:01Z', NOW)).toBe(2);
    expect(daysSince('2024-06-10T00:00:00Z', NOW)).toBe(0);
  });

  it('is 0, never negative, when the moment is later than now', () => {
    expect(daysSince('2024-06-15T12:00:00Z', NOW)).toBe(0);
  });
});

describe('the instant ages are counted to', () => {
  it("is the browser's now when no task is later", () => {
    expect(referenceNow([task('country_approval', { country: 'HN' })], NOW)).toBe(NOW);
    expect(referenceNow([], NOW)).toBe(NOW);
  });

  it('is never before a task was created', () => {
    const later = task('country_approval', { country: 'HN' }, { createdAt: '2024-06-12T08:00:00Z' });
    expect(referenceNow([later], NOW)).toBe(Date.parse('2024-06-12T08:00:00Z'));
  });

  it("is never before an overdue task's due date, but may be before a task's that is not overdue", () => {
    const overdue = task(
      'country_approval',
      { country: 'HN' },
      { dueAt: '2024-06-14T00:00:00Z', overdue: true },
    );
    const notYet = task('country_approval', { country: 'HN' }, { dueAt: '2024-06-30T00:00:00Z' });
    expect(referenceNow([overdue, notYet], NOW)).toBe(Date.parse('2024-06-14T00:00:00Z'));
  });
});

describe('the board tally', () => {
  it('counts the open tasks by assignee country and kind', () => {
    const rows = tallyTasks(
      [
        task('country_approval', { country: 'HN' }),
        task('country_approval', { country: 'HN' }),
        task('arrival_confirmation', { country: 'HN' }),
        task('country_approval', { country: 'GT' }),
      ],
      NOW,
    );
    expect(rows.map((row) => [row.key, row.country, row.count])).toEqual([
      ['HN', 'HN', 3],
      ['GT', 'GT', 1],
    ]);
    const hn = rows[0]!;
    expect(hn.cells.country_approval?.count).toBe(2);
    expect(hn.cells.arrival_confirmation?.count).toBe(1);
    expect(hn.cells.manual_booking).toBeUndefined();
    expect(hn.role).toBeUndefined();
  });

  it('leaves out the tasks that are not open', () => {
    const rows = tallyTasks(
      [
        task('country_approval', { country: 'HN' }),
        task('country_approval', { country: 'HN' }, { status: 'completed' }),
        task('country_approval', { country: 'MX' }, { status: 'expired' }),
        task('country_approval', { country: 'MX' }, { status: 'cancelled', overdue: true }),
      ],
      NOW,
    );
    expect(rows.map((row) => [row.key, row.count])).toEqual([['HN', 1]]);
  });

  it('gives a task without a country to a row of its regional role, which names no country', () => {
    const rows = tallyTasks(
      [
        task('disbursement_approval', { role: 'secretariat' }),
        task('manual_booking', { role: 'operations' }),
        task('manual_booking', { role: 'operations' }),
      ],
      NOW,
    );
    expect(rows).toEqual([
      expect.objectContaining({ key: 'role:operations', role: 'operations', count: 2 }),
      expect.objectContaining({ key: 'role:secretariat', role: 'secretariat', count: 1 }),
    ]);
    for (const row of rows) expect(row).not.toHaveProperty('country');
  });

  it('counts the overdue tasks of each cell and of each row', () => {
    const [row] = tallyTasks(
      [
        task('country_approval', { country: 'MX' }, { overdue: true }),
        task('country_approval', { country: 'MX' }),
        task('arrival_confirmation', { country: 'MX' }, { overdue: true }),
      ],
      NOW,
    );
    expect(row?.cells.country_approval).toMatchObject({ count: 2, overdue: 1 });
    expect(row?.cells.arrival_confirmation).toMatchObject({ count: 1, overdue: 1 });
    expect(row?.overdue).toBe(2);
  });

  it('gives each cell the age in whole days of its oldest task', () => {
    const [row] = tallyTasks(
      [
        task('country_approval', { country: 'HN' }, { createdAt: '2024-06-08T12:00:00Z' }),
        task('country_approval', { country: 'HN' }, { createdAt: '2024-06-01T18:00:00Z' }),
        task('country_approval', { country: 'HN' }, { createdAt: '2024-06-09T12:00:00Z' }),
        task('reintegration_checkin', { country: 'HN' }, { createdAt: '2024-06-10T11:00:00Z' }),
      ],
      NOW,
    );
    expect(row?.cells.country_approval?.oldestDays).toBe(8);
    expect(row?.cells.reintegration_checkin?.oldestDays).toBe(0);
  });

  it('never gives a negative age when now is earlier than the tasks were created', () => {
    const [row] = tallyTasks(
      [task('country_approval', { country: 'HN' }, { createdAt: '2024-06-12T00:00:00Z' })],
      NOW - 5 * DAY_MS,
    );
    expect(row?.cells.country_approval?.oldestDays).toBe(0);
  });

  it('puts the rows with the most overdue tasks first, then the busiest, then by key', () => {
    const rows = tallyTasks(
      [
        task('country_approval', { country: 'US' }),
        task('country_approval', { country: 'US' }),
        task('country_approval', { country: 'US' }),
        task('country_approval', { country: 'SV' }, { overdue: true }),
        task('country_approval', { country: 'CR' }, { overdue: true }),
        task('arrival_confirmation', { country: 'CR' }),
        task('arrival_confirmation', { country: 'PA' }, { overdue: true }),
        task('arrival_confirmation', { country: 'PA' }, { overdue: true }),
        task('country_approval', { country: 'BZ' }),
        task('country_approval', { country: 'NI' }),
      ],
      NOW,
    );
    expect(rows.map((row) => row.key)).toEqual(['PA', 'CR', 'SV', 'US', 'BZ', 'NI']);
  });
});

describe('the overdue tasks', () => {
  it('are the open overdue ones, the longest overdue first', () => {
    const a = task('country_approval', { country: 'HN' }, { dueAt: '2024-06-05T00:00:00Z', overdue: true });
    const b = task(
      'arrival_confirmation',
      { country: 'GT' },
      { dueAt: '2024-06-01T00:00:00Z', overdue: true },
    );
    const c = task(
      'manual_booking',
      { role: 'operations' },
      { dueAt: '2024-06-03T00:00:00Z', overdue: true },
    );
    const notDue = task('country_approval', { country: 'HN' }, { dueAt: '2024-06-30T00:00:00Z' });
    const done = task(
      'country_approval',
      { country: 'HN' },
      { dueAt: '2024-05-01T00:00:00Z', overdue: true, status: 'completed' },
    );
    expect(overdueFirst([a, notDue, b, done, c]).map((t) => t.taskId)).toEqual([
      b.taskId,
      c.taskId,
      a.taskId,
    ]);
  });

  it('due at the same instant are ordered by task id', () => {
    const dueAt = '2024-06-05T00:00:00Z';
    const second = task('country_approval', { country: 'HN' }, { dueAt, overdue: true, taskId: 't-b' });
    const first = task('country_approval', { country: 'HN' }, { dueAt, overdue: true, taskId: 't-a' });
    expect(overdueFirst([second, first]).map((t) => t.taskId)).toEqual(['t-a', 't-b']);
  });

  it('do not reorder the list given', () => {
    const late = task(
      'country_approval',
      { country: 'HN' },
      { dueAt: '2024-06-05T00:00:00Z', overdue: true },
    );
    const later = task(
      'country_approval',
      { country: 'HN' },
      { dueAt: '2024-06-01T00:00:00Z', overdue: true },
    );
    const given = [late, later];
    overdueFirst(given);
    expect(given).toEqual([late, later]);
  });
});

describe('the case list a board cell links to', () => {
  it('lists the cases in the status the kind of task belongs to, for the row country', () => {
    expect(caseListLink('country_approval', 'HN')).toBe('/cases?status=AWAITING_APPROVALS&country=HN');
    expect(caseListLink('arrival_confirmation', 'GT')).toBe('/cases?status=TRAVELLING&country=GT');
  });

  it('names no country for a regional role', () => {
    expect(caseListLink('manual_booking', undefined)).toBe('/cases?status=BOOKING');
  });
});
