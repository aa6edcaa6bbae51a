import type { Principal } from '../../../shared/roles';
import { caseIdOfTask, MalformedTaskIdError, taskIdFor } from '../../../shared/tasks/task';
import { assertMayComplete, isAssignee, mayViewTask } from '../../../shared/tasks/task-authorization';
import {
  NotTaskAssigneeError,
  SubmitterCannotDecideError,
  TaskNotFoundError,
} from '../../../shared/tasks/task-errors';

const task = {
  taskId: 'c1.country_approval.MX.1',
  assignee: { role: 'authority' as const, country: 'MX' as const },
};
const mx: Principal = { subject: 'a', username: 'a', role: 'authority', country: 'MX' };

describe('task ids', () => {
  it('are deterministic from case, kind, country and attempt, and give the case back', () => {
    const id = taskIdFor({ caseId: 'RET-1', kind: 'country_approval', country: 'MX', attempt: 1 });
    expect(id).toBe('RET-1.country_approval.MX.1');
    expect(taskIdFor({ caseId: 'RET-1', kind: 'disbursement_approval' })).toBe(
      'RET-1.disbursement_approval.rcm.1',
    );
    expect(caseIdOfTask(id)).toBe('RET-1');
  });

  it('refuse what no task can be called', () => {
    expect(() => caseIdOfTask('RET-1.unknown.MX.1')).toThrow(MalformedTaskIdError);
    expect(() => taskIdFor({ caseId: 'a.b', kind: 'manual_booking' })).toThrow(MalformedTaskIdError);
    expect(() => taskIdFor({ caseId: 'a', kind: 'manual_booking', attempt: 0 })).toThrow(
      MalformedTaskIdError,
    );
  });
});

describe('who may see and complete a task', () => {
  it('takes the same role and country as the assignee', () => {
    expect(isAssignee(task, mx)).toBe(true);
    expect(isAssignee(task, { ...mx, country: 'GT' })).toBe(false);
    expect(isAssignee(task, { ...mx, role: 'reintegration' })).toBe(false);
  });

  it('shows every task to the Secretariat and the auditor, and none to operations', () => {
    expect(mayViewTask(task, { subject: 's', username: 's', role: 'secretariat' })).toBe(true);
    expect(mayViewTask(task, { subject: 's', username: 's', role: 'auditor' })).toBe(true);
    expect(mayViewTask(task, { subject: 's', username: 's', role: 'operations' })).toBe(false);
  });

  it('refuses the auditor, other countries and the submitter', () => {
    expect(() => assertMayComplete(task, mx, 'someone-else')).not.toThrow();
    expect(() => assertMayComplete(task, { subject: 'x', username: 'x', role: 'auditor' }, 'y')).toThrow(
      NotTaskAssigneeError,
    );
    // Another country may not even see the task: it is answered as if there were none.
    expect(() => assertMayComplete(task, { ...mx, country: 'GT' }, 'y')).toThrow(TaskNotFoundError);
    expect(() => assertMayComplete(task, mx, 'a')).toThrow(SubmitterCannotDecideError);
  });
});
