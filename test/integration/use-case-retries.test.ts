/**
 * The API's use-cases when a first attempt dies between two writes, and what they hand the
 * workflow: a retry finishes what the first attempt left undone (nothing lost), and executions
 * get ids and codes, never a person's free text.
 */
import { dynamoAdapters } from '../../shared/adapters/dynamodb';
import { AUDIT_ACTIONS } from '../../shared/audit/audit-entry';
import { AuditTrail } from '../../shared/audit/audit-trail';
import { CaseService } from '../../shared/cases/case-service';
import type { WorkflowEngine } from '../../shared/ports/workflow-engine';
import type { WorkflowWaits } from '../../shared/ports/workflow-waits';
import type { Principal } from '../../shared/roles';
import { TaskService } from '../../shared/tasks/task-service';
import { completeTask } from '../../shared/use-cases/complete-task';
import { submitCase } from '../../shared/use-cases/submit-case';
import { viewCase } from '../../shared/use-cases/view-case';
import { withdrawCase } from '../../shared/use-cases/withdraw-case';
import { createTestTables, type TestTables } from '../support/dynamo';
import { caseRequest } from '../unit/cases/case-fixture';

let tables: TestTables;
let cases: CaseService;
let tasks: TaskService;
let waits: WorkflowWaits;
let audit: AuditTrail;
const handedOver: Record<string, unknown>[] = [];
const workflow: WorkflowEngine = {
  startCase: async (caseId) => ({ executionArn: `arn:test:${caseId}`, startedAt: new Date().toISOString() }),
  completeTask: async (_token, output) => {
    handedOver.push({ ...output });
  },
  failTask: async () => undefined,
};

beforeAll(async () => {
  tables = await createTestTables();
  const adapters = dynamoAdapters(tables.documentClient, tables.names);
  cases = new CaseService(adapters.cases, adapters.idempotency);
  tasks = new TaskService(adapters.tasks);
  waits = adapters.waits;
  audit = new AuditTrail(adapters.audit);
});
afterAll(() => tables.client.destroy());

const consulHn: Principal = { subject: 'consul-hn', username: 'consul.hn', role: 'consular', country: 'HN' };
const authorityMx: Principal = { subject: 'auth-mx', username: 'auth.mx', role: 'authority', country: 'MX' };

/** An audit trail whose next append of `action` fails as if the process died before writing it. */
function crashingOn(action: string): AuditTrail {
  let crashed = false;
  return new Proxy(audit, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (caseId: string, input: Parameters<AuditTrail['append']>[1]) => {
          if (!crashed && input.action === action) {
            crashed = true;
            throw new Error('crash before the audit write');
          }
          return target.append(caseId, input);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function submit(documentNumber: string, key?: string, trail: AuditTrail = audit) {
  const request = caseRequest({
    migrant: { ...caseRequest().migrant, documentNumber, givenNames: `Ana ${documentNumber}` },
  });
  return submitCase(
    { cases, audit: trail, workflow, ceilingUsd: 1000 },
    { principal: consulHn, request, ...(key ? { idempotencyKey: key } : {}) },
  );
}

const actions = async (caseId: string) => (await audit.entries(caseId)).items.map((entry) => entry.action);

describe('a retry after a crash between two writes', () => {
  it('withdrawal: the retry records the withdrawal in the audit log that the first attempt did not', async () => {
    const { caseId } = await submit('W-1');
    const deps = { cases, tasks, workflow, waits };
    await expect(
      withdrawCase({ ...deps, audit: crashingOn(AUDIT_ACTIONS.caseWithdrawn) }, consulHn, caseId, 'stays'),
    ).rejects.toThrow('crash before the audit write');
    expect((await cases.getForSystem(caseId)).status).toBe('WITHDRAWN');

    // The officer retries: the case is already withdrawn (409), but the decision is audited now.
    await expect(withdrawCase({ ...deps, audit }, consulHn, caseId, 'stays')).rejects.toThrow(
      /already withdrawn/,
    );
    expect((await actions(caseId)).filter((a) => a === AUDIT_ACTIONS.caseWithdrawn)).toHaveLength(1);
    // And a third attempt does not audit it twice.
    await expect(withdrawCase({ ...deps, audit }, consulHn, caseId, 'stays')).rejects.toThrow();
    expect((await actions(caseId)).filter((a) => a === AUDIT_ACTIONS.caseWithdrawn)).toHaveLength(1);
  });

  it('submission: a read of the case before the retry does not stop the retry from auditing the submission', async () => {
    const first = submit('S-1', 'key-s-1', crashingOn(AUDIT_ACTIONS.caseSubmitted));
    await expect(first).rejects.toThrow('crash before the audit write');
    const [created] = (await cases.list(consulHn)).items.filter(
      (c) => c.request.migrant.documentNumber === 'S-1',
    );
    // The officer opens the case (an audited read) before retrying the submission.
    await viewCase({ cases, tasks, audit }, consulHn, created!.caseId);

    const retry = await submit('S-1', 'key-s-1');
    expect(retry).toMatchObject({ caseId: created!.caseId, created: false });
    expect(await actions(created!.caseId)).toContain(AUDIT_ACTIONS.caseSubmitted);
  });
});

describe('what the workflow is handed', () => {
  it('a decision reaches the execution without the decider’s free-text comment', async () => {
    const { caseId } = await submit('D-1');
    const { task } = await tasks.create(
      {
        caseId,
        kind: 'country_approval',
        assignee: { role: 'authority', country: 'MX' },
        dueAt: '2099-01-01T00:00:00.000Z',
        context: { approvalRole: 'exit' },
      },
      'token-d-1',
    );
    await completeTask({ tasks, cases, audit, workflow }, authorityMx, task.taskId, {
      decision: 'reject',
      comment: 'María José told us her ex-partner waits for her in San Pedro Sula',
    });
    const output = handedOver.at(-1)!;
    expect(output).toMatchObject({ taskId: task.taskId, kind: 'country_approval', decision: 'reject' });
    expect(JSON.stringify(output)).not.toContain('María José');
    expect(output).not.toHaveProperty('comment');
  });
});
