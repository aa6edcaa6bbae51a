/**
 * The wrapper every workflow step uses: parses the state machine's payload with a zod contract and
 * runs one domain function. Not HTTP: errors are thrown as they are, so Lambda reports their class
 * name (`InsufficientFundsError`, `CaseNotFoundError`) and the state machine's Retry/Catch match it.
 * Its log lines carry the Lambda context (request id, function, cold start) and the case's id.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { parseInput } from '../../shared/validation';
import { logger } from '../runtime/logger';

/** A Lambda handler for one step: payload in, small JSON result out. */
export type StepHandler<Result> = (event: unknown, context: Context) => Promise<Result>;

/**
 * @param schema the step's input contract (shared/workflow/step-contracts); every step is about one case
 * @param run the domain call; its result is the step's output (ids, statuses, amounts, codes)
 */
export function stepHandler<Input extends { readonly caseId: string }, Result>(
  schema: z.ZodType<Input>,
  run: (input: Input) => Promise<Result>,
): StepHandler<Result> {
  const core = async (event: unknown): Promise<Result> => {
    const input = parseInput(schema, event, "step's input", 'input');
    // A temporary key: the middleware resets it after each invocation, so a warm sandbox never
    // logs one case's id on the next case's lines.
    logger.appendKeys({ caseId: input.caseId });
    try {
      return await run(input);
    } catch (error) {
      // The error still goes to the state machine by name; the log says where and why.
      logger.warn('step failed', { error: error as Error });
      throw error;
    }
  };
  return middy<unknown, Result>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(core);
}
