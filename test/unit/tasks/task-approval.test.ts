import type { Task } from '../../../shared/tasks/task';
import { approvalOf, isApprovalTask } from '../../../shared/tasks/task-approval';

const task: Task = {
  taskId: 'c1.country_approval.MX.1',
  kind: 'country_approval',
  caseId: 'c1',
  attempt: 1,
  assignee: { role: 'authority', country: 'MX' },
  dueAt: '2024-05-10T00:00:00.000Z',
  status: 'open',
  context: { approvalRole: 'transit' },
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
};

describe('the approval a task stands for', () => {
  it('is pending while the task is open, for the role the workflow set', () => {
    expect(approvalOf(task)).toEqual({
      approvalRole: 'transit',
      country: 'MX',
      status: 'pending',
      taskId: task.taskId,
      dueAt: task.dueAt,
    });
    expect(approvalOf({ ...task, context: {} }).approvalRole).toBe('exit');
  });

  it('is decided once the task is completed, by whom and when, without the comment', () => {
    const completedBy = {
      subject: 'a',
      username: 'authority.mx',
      role: 'authority' as const,
      country: 'MX' as const,
    };
    const decided: Task = {
      ...task,
      status: 'completed',
      decision: { decision: 'reject', comment: 'no reception' },
      completedBy,
      completedAt: '2024-05-02T00:00:00.000Z',
    };
    expect(approvalOf(decided)).toEqual(
      expect.objectContaining({ status: 'rejected', decidedBy: completedBy, decidedAt: decided.completedAt }),
    );
    expect(approvalOf(decided)).not.toHaveProperty('comment');
    expect(approvalOf({ ...decided, decision: { decision: 'approve' } }).status).toBe('approved');
    expect(approvalOf({ ...task, status: 'expired' }).status).toBe('expired');
  });

  it('is the disbursement for the Secretariat’s task, which has no country', () => {
    const disbursement: Task = {
      ...task,
      taskId: 'c1.disbursement_approval.rcm.1',
      kind: 'disbursement_approval',
      assignee: { role: 'secretariat' },
      context: {},
    };
    expect(approvalOf(disbursement)).toMatchObject({ approvalRole: 'disbursement' });
    expect(approvalOf(disbursement)).not.toHaveProperty('country');
    expect(isApprovalTask(disbursement)).toBe(true);
    expect(isApprovalTask({ kind: 'arrival_confirmation' })).toBe(false);
  });
});
