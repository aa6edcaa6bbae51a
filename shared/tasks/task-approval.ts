/**
 * What an approval task stands for on its case: which approval (a country's exit, transit or
 * reception, or the Secretariat's disbursement) and how it stands. Completing a task records it;
 * reading a case shows the approvals not decided yet from their tasks.
 */
import type { Approval, ApprovalRole } from '../contracts/case';
import type { Task } from './task';

const APPROVAL_KINDS: ReadonlySet<Task['kind']> = new Set(['country_approval', 'disbursement_approval']);

/** True for the tasks that decide one of the case's approvals. */
export function isApprovalTask(task: Pick<Task, 'kind'>): boolean {
  return APPROVAL_KINDS.has(task.kind);
}

/** The approval a task decides: the disbursement, or the country's role that the workflow set (exit if none). */
function approvalRoleOf(task: Pick<Task, 'kind' | 'context'>): ApprovalRole {
  if (task.kind === 'disbursement_approval') return 'disbursement';
  return (task.context?.approvalRole as ApprovalRole | undefined) ?? 'exit';
}

function approvalStatusOf(task: Task): Approval['status'] {
  switch (task.status) {
    case 'open':
      return 'pending';
    case 'completed':
      return (task.decision as { decision?: string } | undefined)?.decision === 'reject'
        ? 'rejected'
        : 'approved';
    default:
      return task.status;
  }
}

/**
 * The case's approval entry as the task stands: pending while open, decided once completed. It
 * carries no comment: free text is recorded on the case, where disclosure rules apply to it.
 */
export function approvalOf(task: Task): Approval {
  return {
    approvalRole: approvalRoleOf(task),
    ...(task.assignee.country ? { country: task.assignee.country } : {}),
    status: approvalStatusOf(task),
    taskId: task.taskId,
    dueAt: task.dueAt,
    ...(task.completedBy ? { decidedBy: task.completedBy } : {}),
    ...(task.completedAt ? { decidedAt: task.completedAt } : {}),
  };
}
