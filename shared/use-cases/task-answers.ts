/** Tasks as the API answers them: what to do, for which case, by when; never the task token. */
import type { Task as TaskAnswer } from '../contracts/task';
import { decisionCodes } from '../tasks/decision-codes';
import { isOverdue, type Task } from '../tasks/task';

const TITLES: Record<Task['kind'], (task: Task) => string> = {
  country_approval: (task) => `Decide the approval of ${task.assignee.country} for case ${task.caseId}`,
  disbursement_approval: (task) => `Approve the disbursement for case ${task.caseId}`,
  arrival_confirmation: (task) => `Confirm the arrival of case ${task.caseId}`,
  reintegration_checkin: (task) => `Record the reintegration check-in for case ${task.caseId}`,
  manual_booking: (task) => `Book travel by hand for case ${task.caseId}`,
};

/** The task as the API answers it; `overdue` is read from `now`, the clock at the time of the answer. */
export function taskAnswer(task: Task, now: Date): TaskAnswer {
  return {
    taskId: task.taskId,
    kind: task.kind,
    caseId: task.caseId,
    status: task.status,
    assignedRole: task.assignee.role,
    ...(task.assignee.country ? { assignedCountry: task.assignee.country } : {}),
    createdAt: task.createdAt,
    dueAt: task.dueAt,
    overdue: isOverdue(task, now),
    title: TITLES[task.kind](task),
    ...(task.completedAt ? { completedAt: task.completedAt } : {}),
    ...(task.completedBy ? { completedBy: task.completedBy } : {}),
    // The decision and its codes; the free text is on the case, read (and audited) there.
    ...(task.decision
      ? { decision: { kind: task.kind, form: decisionCodes(task.decision) } as TaskAnswer['decision'] }
      : {}),
  };
}
