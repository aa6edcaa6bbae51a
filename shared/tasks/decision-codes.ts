/**
 * The parts of a completion form that are decisions, dates, codes and amounts, as opposed to free
 * text about the person (an approval's comment, notes, who received the person, needs found) and
 * findings (wellbeing). Only these travel: to the waiting execution (executions carry ids, never
 * personal data) and in task answers (a task is not an audited read of the case; the text is on
 * the case, whose read is audited and cut to the reader's profile).
 */
import type { TaskData } from './task';

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
