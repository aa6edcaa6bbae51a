/**
 * The reconciler, run on a schedule (locally on the local cloud's timer; on AWS by EventBridge
 * Scheduler): starts the workflow of cases a crash left SUBMITTED without one, and hands again the
 * decisions a crash kept from their waiting workflows, and serves the fund's queue.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { METRICS_SERVICE, reconcilerMetrics } from '../../shared/operations-metrics';
import { countOverdueTasks } from '../../shared/use-cases/overdue-tasks';
import { reconcile } from '../../shared/use-cases/reconcile';
import { caseService, fundQueueDeps, notifierDeps, taskService } from '../runtime/dependencies';
import { logger } from '../runtime/logger';

// The namespace comes from POWERTOOLS_METRICS_NAMESPACE (the manifest's `metrics: true`). The
// local cloud sets POWERTOOLS_METRICS_DISABLED: there is no CloudWatch to read the lines.
const metrics = new Metrics({ serviceName: METRICS_SERVICE });

const cases = caseService();
const queue = fundQueueDeps(cases);
const deps = {
  cases,
  tasks: taskService(),
  audit: queue.audit,
  workflow: queue.workflow,
  queue,
  notifier: notifierDeps(cases),
};

export const handler = middy(async () => {
  const result = await reconcile(deps);
  // Case ids only: what was repaired, and what needs a person.
  if (result.started.length > 0)
    logger.warn('reconciler started stranded workflows', { cases: result.started });
  if (result.stuck.length > 0)
    logger.error('cases stuck in SUBMITTED with an ended execution', { cases: result.stuck });
  if (result.handedOver.length > 0)
    logger.warn('reconciler handed decisions to their workflows again', { tasks: result.handedOver });
  if (result.resumed.length > 0)
    logger.warn('reconciler resumed cases waiting for funds', { cases: result.resumed });
  if (result.emailsSent > 0)
    logger.warn('reconciler sent emails a crash or an outage left unsent', { count: result.emailsSent });
  // Every round publishes every count, zeros included, so an alarm tells "nothing to repair"
  // from "the reconciler did not run" (which the function's own error alarm covers).
  const overdue = await countOverdueTasks(deps.tasks, new Date());
  for (const [name, value] of Object.entries(reconcilerMetrics(result, overdue))) {
    metrics.addMetric(name, MetricUnit.Count, value);
  }
  metrics.publishStoredMetrics();
  return { ...result, overdue };
}).use(injectLambdaContext(logger, { resetKeys: true }));
