/**
 * Task reminders, run on a schedule (locally on the local cloud's timer; on AWS by EventBridge
 * Scheduler): one email per open task whose reminder time has passed.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sendReminders } from '../../shared/use-cases/send-reminders';
import { notifierDeps, taskService } from '../runtime/dependencies';
import { logEmails } from '../runtime/email-log';
import { logger } from '../runtime/logger';

const deps = { tasks: taskService(), notifier: notifierDeps() };

export const handler = middy(async () => {
  const result = await sendReminders(deps);
  logEmails(result.emails);
  // Task ids and error names only.
  if (result.errors.length > 0)
    logger.error('reminders that could not be recorded', { errors: result.errors });
  return { reminded: result.reminded, errors: result.errors };
}).use(injectLambdaContext(logger, { resetKeys: true }));
