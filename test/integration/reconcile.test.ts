// The reconciler on the local cloud (its built bundle, DynamoDB Local, the Step Functions runtime):
// a case that a crash left SUBMITTED without its workflow gets it, once, and moves on.
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { readLocalSettings } from '../../local/local-config';
import { localResourceName } from '../../shared/manifest-names';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';

describe('the reconciler', () => {
  let harness: WorkflowHarness;

  beforeAll(async () => {
    harness = await startWorkflowHarness();
    await harness.fund.contribute({
      reference: 'RECONCILE-1',
      amountUsd: 5_000,
      country: 'MX',
      actor: { subject: 'st', username: 'secretariat', role: 'secretariat' },
    });
  }, 90_000);
  afterAll(() => harness?.stop());

  const runReconciler = async () => {
    const { invoker } = harness.api.cloud;
    const answer = await invoker.invoke(
      invoker.functionArn(localResourceName(readLocalSettings({}).prefix, 'reconcile')),
      {},
    );
    expect(answer.functionError).toBeUndefined();
    await harness.settle();
    return answer.payload as {
      started: string[];
      stuck: string[];
      handedOver: string[];
      resumed: string[];
      emailsSent: number;
    };
  };

  const executionsOf = async (caseId: string) => {
    const { executions = [] } = await harness.api.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: harness.api.cloud.names.stateMachineArn('caseWorkflow') }),
    );
    return executions.filter((execution) => execution.name === caseId);
  };

  it('starts the workflow of a case left SUBMITTED without one, after the grace period, once', async () => {
    // Stored as a submission stores it, with no execution: what a kill between the two writes leaves.
    const caseId = await harness.submitCase();
    expect(await executionsOf(caseId)).toHaveLength(0);

    expect((await runReconciler()).started).not.toContain(caseId);
    await harness.api.advance('2m');
    expect((await runReconciler()).started).toEqual([caseId]);

    expect(await executionsOf(caseId)).toHaveLength(1);
    expect((await harness.cases.getForSystem(caseId)).status).toBe('AWAITING_APPROVALS');
    expect(await harness.openTasks(caseId)).toHaveLength(3);

    // Nothing left to repair: a second run starts nothing and opens no second set of tasks.
    expect(await runReconciler()).toEqual({
      started: [],
      stuck: [],
      handedOver: [],
      resumed: [],
      emailsSent: 0,
      // What it publishes for the operators' alarms: the case's three approvals are not yet due.
      overdue: {
        country_approval: 0,
        disbursement_approval: 0,
        arrival_confirmation: 0,
        reintegration_checkin: 0,
        manual_booking: 0,
      },
    });
    expect(await executionsOf(caseId)).toHaveLength(1);
    expect(await harness.openTasks(caseId)).toHaveLength(3);
  });

  it('hands a decision that a crash kept from its workflow to the waiting execution, once', async () => {
    const caseId = await harness.submitCase();
    await harness.start(caseId);
    const [mx, gt, hn] = ['MX', 'GT', 'HN'].map((country) => `${caseId}.country_approval.${country}.1`) as [
      string,
      string,
      string,
    ];
    await harness.decide(mx, 'approve');
    await harness.decide(gt, 'approve');
    // Honduras's decision is recorded, and the process dies before handing it over.
    await harness.tasks.complete(
      hn,
      { subject: 'sub-authority-HN', username: 'authority.hn', role: 'authority', country: 'HN' },
      { decision: 'approve' },
      'sub-consular-hn',
    );
    await harness.settle();
    expect((await harness.cases.getForSystem(caseId)).status).toBe('AWAITING_APPROVALS');

    await harness.api.advance('2m');
    expect((await runReconciler()).handedOver).toEqual([hn]);
    expect((await harness.cases.getForSystem(caseId)).status).toBe('AWAITING_DISBURSEMENT');
    expect((await harness.openTasks(caseId)).map((task) => task.kind)).toEqual(['disbursement_approval']);

    // Sent once: the next run finds nothing pending.
    expect((await runReconciler()).handedOver).toEqual([]);
    expect((await harness.cases.getForSystem(caseId)).status).toBe('AWAITING_DISBURSEMENT');
  });
});
