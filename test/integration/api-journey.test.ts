// One case's whole approval stage through the API, as the people involved would go through it:
// the consular officer submits, each country on the route approves from its inbox, the
// Secretariat approves the disbursement, and the money moves from reserved to disbursed.
import { startTestApi, type TestApi } from '../support/api';
import { validCaseRequest } from '../support/case-request-fixture';
import { eventually } from '../support/eventually';

describe('a case from submission to the approved disbursement, through the API', () => {
  let api: TestApi;
  afterAll(() => api?.stop());

  it('ends BOOKING with the money disbursed, every decision on the timeline and in the audit chain', async () => {
    api = await startTestApi();
    expect(
      (
        await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
          country: 'PA',
          amount: 10_000,
          reference: 'PA-2026-07',
        })
      ).status,
    ).toBe(201);

    const submitted = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest());
    expect(submitted.status).toBe(201);
    const { caseId } = submitted.body as { caseId: string };

    const decide = async (user: string, kind: string) => {
      const task = await eventually(
        async () =>
          (
            (await api.call(user, 'GET', '/api/tasks')).body.items as Array<{
              taskId: string;
              caseId: string;
              kind: string;
            }>
          ).find((t) => t.caseId === caseId && t.kind === kind),
        20_000,
        `${kind} for ${user}`,
      );
      const done = await api.call(user, 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'approve',
        comment: 'OK',
      });
      expect(done.status).toBe(200);
    };

    const held = await eventually(async () => {
      const fund = (await api.call('secretariat', 'GET', '/api/funds/rcm-reserve')).body;
      return fund.reserved === 780 ? fund : undefined;
    });
    expect(held).toMatchObject({ capital: 10_000, available: 9_220, reserved: 780, disbursed: 0 });

    for (const user of ['authority.mx', 'authority.gt', 'authority.hn'])
      await decide(user, 'country_approval');
    await decide('secretariat', 'disbursement_approval');

    const detail = await eventually(
      async () => {
        const answer = await api.call('consular.hn', 'GET', `/api/cases/${caseId}`);
        return answer.body.status === 'BOOKING' ? answer.body : undefined;
      },
      20_000,
      'the case to reach BOOKING',
    );
    expect(detail.amounts).toMatchObject({ requestedUsd: 780, disbursedUsd: 780 });
    expect(detail.approvals.filter((a: { status: string }) => a.status === 'approved')).toHaveLength(4);
    expect(detail.timeline.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['submitted', 'eligible', 'approval_decided']),
    );

    const fund = (await api.call('auditor', 'GET', '/api/funds/rcm-reserve')).body;
    expect(fund).toMatchObject({ capital: 10_000, available: 9_220, reserved: 0, disbursed: 780 });

    const audit = (await api.call('auditor', 'GET', `/api/cases/${caseId}/audit?limit=100`)).body;
    expect(audit.chainValid).toBe(true);
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'task.completed')).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining(['case.submitted', 'fund.reserved', 'fund.disbursed']));
  }, 120_000);
});
