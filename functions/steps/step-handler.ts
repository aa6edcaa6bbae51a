/**
 * The wrapper every workflow step uses: parses the state machine's payload with a zod contract and
 * runs one domain function. Not HTTP: errors are thrown as they are, so Lambda reports their class
 * name (`InsufficientFundsError`, `CaseNotFoundError`) and the state machine's Retry/Catch match it.
 */
import type * as z from 'zod';
import { ValidationError } from '../../shared/errors';
import { zodIssues } from '../../shared/validation';
import { logger } from '../runtime/logger';

/** A Lambda handler for one step: payload in, small JSON result out. */
export type StepHandler<Result> = (event: unknown) => Promise<Result>;

/**
 * @param schema the step's input contract (shared/workflow/step-contracts)
 * @param run the domain call; its result is the step's output (ids, statuses, amounts, codes)
 */
export function stepHandler<Input, Result>(
  schema: z.ZodType<Input>,
  run: (input: Input) => Promise<Result>,
): StepHandler<Result> {
  return async (event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error, 'input');
      throw new ValidationError(
        `the step's input is malformed: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
        issues,
      );
    }
    try {
      return await run(parsed.data);
    } catch (error) {
      // The error still goes to the state machine by name; the log says where and why.
      logger.warn('step failed', { error: error as Error });
      throw error;
    }
  };
}
