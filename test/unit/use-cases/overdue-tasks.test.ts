/**
 * What the reconciler tells the operators each round: open tasks past their due date, by kind,
 * and what it repaired (shared/operations-metrics.ts), the figures the alarms read.
 */
import { OPERATIONS_METRICS, reconcilerMetrics } from '../../../shared/operations-metrics';
import { countOverdueTasks } from '../../../shared/use-cases/overdue-tasks';
import { type EmailWorld, emailWorld, T0 } from '../notifications/email-world';

let world: EmailWorld;
beforeEach(() => {
  world = emailWorld();
});

const HOUR = 3600 * 1000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR).toISOString();

async function openTask(
  caseId: string,
  kind: 'country_approval' | 'disbursement_approval' | 'arrival_confirmation',
  dueInHours: number,
  country: 'MX' | 'HN' | 'GT' = 'MX',
) {
  const { task } = await world.services.tasks.create({
    caseId,
    kind,
    assignee: kind === 'disbursement_approval' ? { role: 'secretariat' } : { role: 'authority', country },
    dueAt: at(dueInHours),
    ...(kind === 'country_approval' ? { context: { approvalRole: 'exit' } } : {}),
  });
  return task;
}

const none = {
  country_approval: 0,
  disbursement_approval: 0,
  arrival_confirmation: 0,
  reintegration_checkin: 0,
  manual_booking: 0,
};

describe('the overdue tasks the reconciler counts', () => {
  it('are the open tasks whose due date has passed, by kind', async () => {
    const first = await world.storeCase();
    await openTask(first.caseId, 'country_approval', 10, 'MX');
    await openTask(first.caseId, 'country_approval', 30, 'GT');
    await openTask(first.caseId, 'arrival_confirmation', 20);
    await openTask(first.caseId, 'disbursement_approval', 5);
    expect(await countOverdueTasks(world.services.tasks, new Date(at(1)))).toEqual(none);
    expect(await countOverdueTasks(world.services.tasks, new Date(at(21)))).toEqual({
      ...none,
      country_approval: 1,
      disbursement_approval: 1,
      arrival_confirmation: 1,
    });
  });

  it('leave out a task once it is closed, however late', async () => {
    const record = await world.storeCase();
    const task = await openTask(record.caseId, 'arrival_confirmation', 2);
    world.advance(3 * 3600);
    expect((await countOverdueTasks(world.services.tasks, world.now())).arrival_confirmation).toBe(1);
    await world.services.tasks.expire(task.taskId);
    expect(await countOverdueTasks(world.services.tasks, world.now())).toEqual(none);
  });

  it('count past one page', async () => {
    for (let index = 0; index < 130; index += 1) {
      const record = await world.storeCase();
      await openTask(record.caseId, 'arrival_confirmation', 1);
    }
    expect((await countOverdueTasks(world.services.tasks, new Date(at(2)))).arrival_confirmation).toBe(130);
  });
});

describe("the reconciler's metrics", () => {
  it('give each repair, their sum, and approvals and arrivals overdue', () => {
    const metrics = reconcilerMetrics(
      { started: ['RET-1', 'RET-2'], stuck: ['RET-3'], handedOver: ['t-1'], resumed: [], emailsSent: 4 },
      { ...none, country_approval: 2, disbursement_approval: 1, arrival_confirmation: 3, manual_booking: 1 },
    );
    expect(metrics).toEqual({
      [OPERATIONS_METRICS.strandedWorkflowsStarted]: 2,
      [OPERATIONS_METRICS.casesStuck]: 1,
      [OPERATIONS_METRICS.decisionsHandedOverAgain]: 1,
      [OPERATIONS_METRICS.waitingCasesResumed]: 0,
      [OPERATIONS_METRICS.unsentEmailsSent]: 4,
      [OPERATIONS_METRICS.repairs]: 8,
      [OPERATIONS_METRICS.overdueApprovals]: 3,
      [OPERATIONS_METRICS.overdueArrivals]: 3,
      [OPERATIONS_METRICS.overdueCheckIns]: 0,
      [OPERATIONS_METRICS.overdueManualBookings]: 1,
    });
  });

  it('publish zeros on a quiet round, so no data means the reconciler did not run', () => {
    const metrics = reconcilerMetrics(
      { started: [], stuck: [], handedOver: [], resumed: [], emailsSent: 0 },
      none,
    );
    expect(Object.values(metrics)).toHaveLength(Object.keys(OPERATIONS_METRICS).length);
    expect(Object.values(metrics).every((value) => value === 0)).toBe(true);
  });
});
