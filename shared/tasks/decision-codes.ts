/**
 * The parts of a completion form that are decisions, dates, codes and amounts, as opposed to free
 * text about the person (an approval's comment, notes, who received the person, needs found) and
 * findings (wellbeing). Only these travel: to the waiting execution (executions carry ids, never
 * personal data) and in task answers (a task is not an audited read of the case; the text is on
 * the case, whose read is audited and cut to the reader's profile).
 */
import type { Task, TaskData } from './task';

export const DECISION_CODE_FIELDS = [
  'decision',
  'arrivedOn',
  'contactMade',
  'provider',
  'reference',
  'departureAt',
  'arrivalAt',
  'cost',
] as const;

/** The form with its free text and findings left out. */
export function decisionCodes(form: TaskData): TaskData {
  return Object.fromEntries(
    DECISION_CODE_FIELDS.filter((field) => field in form).map((field) => [field, form[field]]),
  );
}

/**
 * What the waiting execution receives for a completed task: which task, its kind, the form's
 * decision codes and who decided. The same whether complete-task sends it or the reconciler
 * sends it again after a crash.
 */
export function handOverOutput(task: Task): Readonly<Record<string, unknown>> {
  return {
    taskId: task.taskId,
    kind: task.kind,
    ...decisionCodes(task.decision ?? {}),
    ...(task.completedBy ? { decidedBy: task.completedBy } : {}),
  };
}
