/**
 * The operators' metrics: what the reconciler publishes each round (functions/scheduled/reconcile.ts)
 * and the alarms watch (infra/constructs/operations-alarms.ts). One list, so that a metric the
 * function publishes and the metric an alarm watches cannot be named apart.
 */
import type { TaskKind } from './contracts/task';
import type { ReconcileResult } from './use-cases/reconcile';

/** The namespace of one deployment's metrics: `Retorno/<stage>`, so stages sharing an account stay apart. */
export const metricsNamespace = (stage: string): string => `Retorno/${stage}`;

/** The metric names, each a count per reconciler round. */
export const OPERATIONS_METRICS = {
  /** Everything the round had to repair (the sum of the five below): anything above 0 means a crash or an outage. */
  repairs: 'ReconcilerRepairs',
  strandedWorkflowsStarted: 'StrandedWorkflowsStarted',
  casesStuck: 'CasesStuckInSubmitted',
  decisionsHandedOverAgain: 'DecisionsHandedOverAgain',
  waitingCasesResumed: 'WaitingCasesResumedByReconciler',
  unsentEmailsSent: 'UnsentEmailsSent',
  /** Open country and disbursement approvals past their deadline, which the workflow should have expired. */
  overdueApprovals: 'OverdueApprovals',
  /** Open arrival confirmations past their due date: a returnee whose arrival nobody has confirmed. */
  overdueArrivals: 'OverdueArrivals',
  overdueCheckIns: 'OverdueCheckIns',
  overdueManualBookings: 'OverdueManualBookings',
} as const;

export type OperationsMetric = (typeof OPERATIONS_METRICS)[keyof typeof OPERATIONS_METRICS];

/** The service dimension every metric carries (Powertools' `service`). */
export const METRICS_SERVICE = 'retorno';

/** Open tasks past their due date, by kind. */
export type OverdueCounts = Readonly<Record<TaskKind, number>>;

/** The values one reconciler round publishes. */
export function reconcilerMetrics(
  result: ReconcileResult,
  overdue: OverdueCounts,
): Record<OperationsMetric, number> {
  const repaired = {
    [OPERATIONS_METRICS.strandedWorkflowsStarted]: result.started.length,
    [OPERATIONS_METRICS.casesStuck]: result.stuck.length,
    [OPERATIONS_METRICS.decisionsHandedOverAgain]: result.handedOver.length,
    [OPERATIONS_METRICS.waitingCasesResumed]: result.resumed.length,
    [OPERATIONS_METRICS.unsentEmailsSent]: result.emailsSent,
  };
  return {
    ...repaired,
    [OPERATIONS_METRICS.repairs]: Object.values(repaired).reduce((sum, count) => sum + count, 0),
    [OPERATIONS_METRICS.overdueApprovals]: overdue.country_approval + overdue.disbursement_approval,
    [OPERATIONS_METRICS.overdueArrivals]: overdue.arrival_confirmation,
    [OPERATIONS_METRICS.overdueCheckIns]: overdue.reintegration_checkin,
    [OPERATIONS_METRICS.overdueManualBookings]: overdue.manual_booking,
  } as Record<OperationsMetric, number>;
}
