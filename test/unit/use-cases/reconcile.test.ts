import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import type { WorkflowEngine } from '../../../shared/ports/workflow-engine';
import { completeTask } from '../../../shared/use-cases/complete-task';
import { type ReconcileOptions, reconcile } from '../../../shared/use-cases/reconcile';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { caseRequest } from '../cases/case-fixture';
import { approvalTask, submittedCase } from './case-fixture-flow';
import {
  auditActions,
  authority,
  consulHn,
  type MemoryServices,
  memoryServices,
  NOW,
} from './memory-services';

let services: MemoryServices;
beforeEach(() => {
  services = memoryServices();
});

/** A workflow engine on a machine that dies as the submission starts its execution. */
const dying: WorkflowEngine = {
  startCase: async () => {
    throw new Error('process killed');
  },
  completeTask: async () => undefined,
  failTask: async () => undefined,
};

/** Submits a case for another person; `crash` kills the process between storing it and starting its workflow. */
async function submit(documentNumber: string, crash: boolean): Promise<string> {
  const request = caseRequest({ migrant: { ...caseRequest().migrant, documentNumber } });
  const workflow = crash ? dying : services.workflow;
  try {
    return (
      await submitCase(
        { cases: services.cases, audit: services.audit, workflow, ceilingUsd: 1000, now: () => NOW },
        { principal: consulHn, request },
      )
    ).caseId;
  } catch {
    const page = await services.cases.listForSystem('SUBMITTED', { limit: 100 });
    const stranded = page.items.find((record) => record.request.migrant.documentNumber === documentNumber);
    if (!stranded) throw new Error('the crashed submission stored no case');
    return stranded.caseId;
  }
}

const later = (seconds: number) => () => new Date(NOW.getTime() + seconds * 1000);

/** Runs the reconciler over the in-memory services, `seconds` after NOW. */
const reconcileAt = (seconds: number, options?: ReconcileOptions) =>
  reconcile(
    {
      cases: services.cases,
      tasks: services.tasks,
      workflow: services.workflow,
      audit: services.audit,
      queue: services,
      notifier: services.notifier,
      now: later(seconds),
    },
    options,
  );

describe('the reconciler', () => {
  it('starts the workflow of a case a crash left SUBMITTED without one, once', async () => {
    const stranded = await submit('E-STRANDED', true);
    expect(services.workflow.executions.has(stranded)).toBe(false);

    const result = await reconcileAt(120);
    expect(result).toEqual({ started: [stranded], stuck: [], handedOver: [], resumed: [], emailsSent: 0 });
    expect(services.workflow.executions.get(stranded)?.input).toEqual({ caseId: stranded });

    // Run again (or by a second reconciler): the same execution, never a second one.
    await reconcileAt(180);
    expect([...services.workflow.executions.keys()].filter((id) => id === stranded)).toHaveLength(1);
  });

  it('leaves a fresh submission to its own start during the grace period', async () => {
    const fresh = await submit('E-FRESH', true);
    const result = await reconcileAt(30, { graceSeconds: 60 });
    expect(result.started).not.toContain(fresh);
    expect(services.workflow.executions.has(fresh)).toBe(false);
  });

  it('does not touch a case whose workflow started and moved it on', async () => {
    const running = await submit('E-RUNNING', false);
    await services.cases.mutate(running, () => ({ changes: { status: 'AWAITING_APPROVALS' } }));
    const before = services.workflow.executions.size;
    const result = await reconcileAt(600);
    expect(result.started).not.toContain(running);
    expect(services.workflow.executions.size).toBe(before);
  });
});

describe('the reconciler, for decisions a crash kept from their workflow', () => {
  it('finishes a decision a crash cut short before the case and the audit log had it, without a retry', async () => {
    const caseId = await submittedCase(services);
    const task = await approvalTask(services, caseId, 'token-cut');
    // The process dies right after the task store recorded the decision.
    const dyingCases = Object.create(services.cases) as typeof services.cases;
    dyingCases.mutate = async () => {
      throw new Error('process killed');
    };
    await expect(
      completeTask({ ...services, cases: dyingCases }, authority('MX'), task.taskId, { decision: 'approve' }),
    ).rejects.toThrow('process killed');
    expect(await auditActions(services, caseId)).not.toContain(AUDIT_ACTIONS.taskCompleted);

    expect((await reconcileAt(120)).handedOver).toEqual([task.taskId]);
    const record = await services.cases.getForSystem(caseId);
    expect(record.approvals.find((approval) => approval.taskId === task.taskId)?.status).toBe('approved');
    expect(record.timeline.filter((entry) => entry.event === 'approval_decided')).toHaveLength(1);
    expect(
      (await auditActions(services, caseId)).filter((a) => a === AUDIT_ACTIONS.taskCompleted),
    ).toHaveLength(1);
    expect(services.workflow.callbacks.map((callback) => callback.taskToken)).toEqual(['token-cut']);
    // And again: nothing twice.
    await reconcileAt(240);
    expect(
      (await auditActions(services, caseId)).filter((a) => a === AUDIT_ACTIONS.taskCompleted),
    ).toHaveLength(1);
    expect(services.workflow.callbacks).toHaveLength(1);
  });

  it('hands a recorded decision to the waiting execution again, once, and then leaves it', async () => {
    const caseId = await submittedCase(services);
    const task = await approvalTask(services, caseId, 'token-lost');
    // The process dies as it hands the decision over: recorded on the task, not in the workflow.
    const dyingHandOver = {
      ...services,
      workflow: {
        ...services.workflow,
        startCase: dying.startCase,
        failTask: dying.failTask,
        completeTask: async () => {
          throw new Error('process killed');
        },
      } as WorkflowEngine,
    };
    await expect(
      completeTask(dyingHandOver, authority('MX'), task.taskId, { decision: 'approve' }),
    ).rejects.toThrow('process killed');
    expect(services.workflow.callbacks).toEqual([]);

    expect((await reconcileAt(30)).handedOver).toEqual([]);
    expect((await reconcileAt(120)).handedOver).toEqual([task.taskId]);
    expect(services.workflow.callbacks).toEqual([
      expect.objectContaining({
        taskToken: 'token-lost',
        output: expect.objectContaining({
          taskId: task.taskId,
          kind: 'country_approval',
          decision: 'approve',
        }),
      }),
    ]);
    expect((await reconcileAt(600)).handedOver).toEqual([]);
    expect(services.workflow.callbacks).toHaveLength(1);
  });

  it('settles a hand-over the workflow already had without sending it twice', async () => {
    const caseId = await submittedCase(services);
    const task = await approvalTask(services, caseId, 'token-sent');
    await completeTask(services, authority('MX'), task.taskId, { decision: 'approve' });
    expect((await reconcileAt(600)).handedOver).toEqual([]);
    expect(services.workflow.callbacks).toHaveLength(1);
    expect(await services.tasks.pendingHandOvers(later(600)())).toEqual([]);
  });
});
