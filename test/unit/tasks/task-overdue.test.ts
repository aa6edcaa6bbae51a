// Overdue is read from the clock at each answer: an open task past its due date, never a closed one.
import { taskSchema } from '../../../shared/contracts/task';
import { isOverdue, type Task } from '../../../shared/tasks/task';
import { taskAnswer } from '../../../shared/use-cases/task-answers';

const arrival: Task = {
  taskId: 'RET-1.arrival_confirmation.HN.1',
  kind: 'arrival_confirmation',
  caseId: 'RET-1',
  attempt: 1,
  assignee: { role: 'authority', country: 'HN' },
  dueAt: '2024-06-03T18:00:00.000Z',
  reminderAt: '2024-06-03T18:00:00.000Z',
  status: 'open',
  createdAt: '2024-06-01T08:00:00.000Z',
  updatedAt: '2024-06-01T08:00:00.000Z',
};
const at = (instant: string) => new Date(instant);

describe('an overdue task', () => {
  it('is an open task whose due date has passed, not one still due or due this very instant', () => {
    expect(isOverdue(arrival, at('2024-06-03T17:59:59.999Z'))).toBe(false);
    expect(isOverdue(arrival, at('2024-06-03T18:00:00.000Z'))).toBe(false);
    expect(isOverdue(arrival, at('2024-06-03T18:00:00.001Z'))).toBe(true);
    expect(isOverdue(arrival, at('2024-07-03T00:00:00.000Z'))).toBe(true);
  });

  it.each(['completed', 'expired', 'cancelled'] as const)('is never a %s task', (status) => {
    expect(isOverdue({ ...arrival, status }, at('2024-07-03T00:00:00.000Z'))).toBe(false);
  });

  it('is flagged in the task answer by the clock of the answer, which the contract requires', () => {
    const before = taskAnswer(arrival, at('2024-06-02T00:00:00.000Z'));
    const after = taskAnswer(arrival, at('2024-06-04T00:00:00.000Z'));
    expect([before.overdue, after.overdue]).toEqual([false, true]);
    expect(taskSchema.safeParse(after).success).toBe(true);
    const { overdue: _overdue, ...without } = after;
    expect(taskSchema.safeParse(without).success).toBe(false);
  });
});
