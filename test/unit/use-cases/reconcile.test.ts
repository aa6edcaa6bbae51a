import type { WorkflowEngine } from '../../../shared/ports/workflow-engine';
import { reconcile } from '../../../shared/use-cases/reconcile';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { caseRequest } from '../cases/case-fixture';
import { consulHn, type MemoryServices, memoryServices, NOW } from './memory-services';

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

describe('the reconciler', () => {
  it('starts the workflow of a case a crash left SUBMITTED without one, once', async () => {
    const stranded = await submit('E-STRANDED', true);
    expect(services.workflow.executions.has(stranded)).toBe(false);

    const result = await reconcile({ cases: services.cases, workflow: services.workflow, now: later(120) });
    expect(result).toEqual({ started: [stranded], stuck: [] });
    expect(services.workflow.executions.get(stranded)?.input).toEqual({ caseId: stranded });

    // Run again (or by a second reconciler): the same execution, never a second one.
    await reconcile({ cases: services.cases, workflow: services.workflow, now: later(180) });
    expect([...services.workflow.executions.keys()].filter((id) => id === stranded)).toHaveLength(1);
  });

  it('leaves a fresh submission to its own start during the grace period', async () => {
    const fresh = await submit('E-FRESH', true);
    const result = await reconcile(
      { cases: services.cases, workflow: services.workflow, now: later(30) },
      { graceSeconds: 60 },
    );
    expect(result.started).not.toContain(fresh);
    expect(services.workflow.executions.has(fresh)).toBe(false);
  });

  it('does not touch a case whose workflow started and moved it on', async () => {
    const running = await submit('E-RUNNING', false);
    await services.cases.mutate(running, () => ({ changes: { status: 'AWAITING_APPROVALS' } }));
    const before = services.workflow.executions.size;
    const result = await reconcile({ cases: services.cases, workflow: services.workflow, now: later(600) });
    expect(result.started).not.toContain(running);
    expect(services.workflow.executions.size).toBe(before);
  });
});
