// Cases through the real API (gateway, authorizer, the deployed bundles, DynamoDB Local, the
// Step Functions runtime): submission, eligibility, idempotency, scoping by role, audited reads,
// withdrawal, and bad input that changes nothing.

import { startTestApi, type TestApi } from '../support/api';
import { adultIllnessRequest, validCaseRequest } from '../support/case-request-fixture';
import { eventually } from '../support/eventually';

describe('cases through the API', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const funded = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
      country: 'MX',
      amount: 50_000,
      reference: 'MX-2026-001',
    });
    expect(funded.status).toBe(201);
  }, 90_000);
  afterAll(() => api?.stop());

  /** Submits the fixture's child under another document and name (a different person); the case id. */
  const submitChild = async (documentNumber: string, givenNames: string): Promise<string> =>
    (
      await api.call(
        'consular.hn',
        'POST',
        '/api/cases',
        validCaseRequest({ migrant: { documentNumber, givenNames } }),
      )
    ).body.caseId;

  const countCases = async (as = 'secretariat'): Promise<number> => {
    let total = 0;
    let cursor: string | undefined;
    do {
      const page = await api.call(as, 'GET', `/api/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      total += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return total;
  };

  describe('submitting', () => {
    it('answers 201 with the case id and status, and a Location header', async () => {
      const answer = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest());
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        caseId: expect.stringMatching(/^RET-[0-9A-Z]{10}$/),
        status: 'SUBMITTED',
      });
      expect(answer.headers.get('location')).toBe(`/api/cases/${answer.body.caseId}`);
    });

    it('starts the case workflow, named after the case', async () => {
      const { body } = await api.call(
        'consular.gt',
        'POST',
        '/api/cases',
        adultIllnessRequest({ migrant: { documentNumber: 'G-START-1' } }),
      );
      const execution = await eventually(async () => {
        const { executions = [] } = await api.sfn.send(
          new (await import('@aws-sdk/client-sfn')).ListExecutionsCommand({
            stateMachineArn: api.cloud.names.stateMachineArn('caseWorkflow'),
          }),
        );
        return executions.find((e) => e.name === body.caseId);
      });
      expect(execution.name).toBe(body.caseId);
    });

    it('keeps an ineligible case, with every reason in Spanish and English', async () => {
      const answer = await api.call(
        'consular.gt',
        'POST',
        '/api/cases',
        adultIllnessRequest({
          migrant: { documentNumber: 'G-OLD-1' },
          vulnerabilities: ['older_person'],
        }),
      );
      expect(answer.status).toBe(201);
      expect(answer.body.status).toBe('INELIGIBLE');
      const detail = await api.call('consular.gt', 'GET', `/api/cases/${answer.body.caseId}`);
      expect(detail.body.eligibility.eligible).toBe(false);
      expect(detail.body.eligibility.reasons).toEqual(
        expect.arrayContaining([expect.objectContaining({ es: expect.any(String), en: expect.any(String) })]),
      );
    });

    it('answers a retry with the same Idempotency-Key with the same case, and 409 for another body', async () => {
      const headers = { 'idempotency-key': 'form-7f3a-retry' };
      const body = adultIllnessRequest({ migrant: { documentNumber: 'G-IDEM-1' } });
      const first = await api.call('consular.gt', 'POST', '/api/cases', body, headers);
      const again = await api.call('consular.gt', 'POST', '/api/cases', body, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.caseId).toBe(first.body.caseId);
      const other = await api.call(
        'consular.gt',
        'POST',
        '/api/cases',
        adultIllnessRequest({ migrant: { documentNumber: 'G-IDEM-2' } }),
        headers,
      );
      expect(other.status).toBe(409);
    });

    it('creates exactly one case for concurrent retries with one key', async () => {
      const before = await countCases();
      const body = adultIllnessRequest({ migrant: { documentNumber: 'G-CONC-1' } });
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          api.call('consular.gt', 'POST', '/api/cases', body, { 'idempotency-key': 'concurrent-1' }),
        ),
      );
      expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(await countCases()).toBe(before + 1);
    });

    it('refuses a consular officer of another country and any other role', async () => {
      expect((await api.call('consular.mx', 'POST', '/api/cases', validCaseRequest())).status).toBe(403);
      expect((await api.call('authority.hn', 'POST', '/api/cases', validCaseRequest())).status).toBe(403);
      expect((await api.call('secretariat', 'POST', '/api/cases', validCaseRequest())).status).toBe(403);
    });

    it.each([
      ['a wrong type', validCaseRequest({ needs: { escort: 'yes' as unknown as boolean } }), 'needs.escort'],
      [
        'an unknown country code',
        validCaseRequest({ location: { country: 'FR' as 'MX' } }),
        'location.country',
      ],
      ['a negative amount', validCaseRequest({ costs: { food: -5 } }), 'costs.food'],
      ['an over-precise amount', validCaseRequest({ costs: { food: 10.005 } }), 'costs.food'],
      [
        'a future date of birth',
        validCaseRequest({ migrant: { dateOfBirth: '2999-01-01' } }),
        'migrant.dateOfBirth',
      ],
      ['an unknown field', { ...validCaseRequest(), favouriteColour: 'blue' }, 'favouriteColour'],
    ])('answers 400 naming the field for %s, and stores nothing', async (_what, body, path) => {
      const before = await countCases();
      const answer = await api.call('consular.hn', 'POST', '/api/cases', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('ValidationError');
      expect(answer.body.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule: expect.any(String) })]),
      );
      expect(await countCases()).toBe(before);
    });

    it('answers 400 for malformed JSON and 413 for an oversized body, storing nothing', async () => {
      const before = await countCases();
      const malformed = await api.call('consular.hn', 'POST', '/api/cases', '{"migrant": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.issues[0]).toMatchObject({ path: 'body', rule: 'json' });
      const huge = await api.call('consular.hn', 'POST', '/api/cases', {
        ...validCaseRequest(),
        circumstances: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(huge.status).toBe(413);
      expect(await countCases()).toBe(before);
    });

    it('refuses a malformed Idempotency-Key by name', async () => {
      const answer = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest(), {
        'idempotency-key': 'has spaces in it',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.issues[0].path).toBe('headers.idempotency-key');
    });
  });

  describe('reading', () => {
    let caseId: string;

    beforeAll(async () => {
      caseId = await submitChild('0801-2010-READ1', 'Luis');
    });

    it('shows the submitting country the whole case, and records the read in the audit chain', async () => {
      const detail = await api.call('consular.hn', 'GET', `/api/cases/${caseId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.displayName).toBe('Luis Martínez López');
      expect(detail.body.request.circumstances).toContain('Travelled alone');
      const audit = await api.call('auditor', 'GET', `/api/cases/${caseId}/audit`);
      const actions = JSON.stringify(audit.body);
      expect(actions).toContain('case.submitted');
      expect(actions).toContain('case.read_personal_data');
    });

    it('shows an authority on the route what it needs, never the circumstances or notes', async () => {
      const detail = await api.call('authority.mx', 'GET', `/api/cases/${caseId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.request.migrant.familyNames).toBe('Martínez López');
      expect(detail.body.request.circumstances).toBeUndefined();
      expect(detail.body.request.child).toBeUndefined(); // the child's BID is for the return country
    });

    it('hides the case from countries it does not concern, as if it did not exist', async () => {
      expect((await api.call('consular.gt', 'GET', `/api/cases/${caseId}`)).status).toBe(404);
      expect((await api.call('authority.ca', 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    });

    it('lists cases without naming anyone, newest first, scoped to the caller', async () => {
      const mine = await api.call('consular.hn', 'GET', '/api/cases?limit=50');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
      expect(JSON.stringify(mine.body)).not.toContain('Martínez');
      const other = await api.call('consular.ca', 'GET', '/api/cases?limit=50');
      expect(other.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
      const times = mine.body.items.map((c: { submittedAt: string }) => c.submittedAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('filters the list by status and refuses an unknown status by name', async () => {
      const ineligible = await api.call('secretariat', 'GET', '/api/cases?status=INELIGIBLE');
      expect(ineligible.body.items.every((c: { status: string }) => c.status === 'INELIGIBLE')).toBe(true);
      const bad = await api.call('secretariat', 'GET', '/api/cases?status=LOST');
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].path).toBe('status');
    });
  });

  describe('tasks and withdrawal', () => {
    let caseId: string;

    beforeAll(async () => {
      caseId = await submitChild('0801-2010-TASK1', 'Carlos');
    });

    const openTaskFor = (user: string) =>
      eventually(
        async () => {
          const inbox = await api.call(user, 'GET', '/api/tasks?status=open');
          return inbox.body.items.find((t: { caseId: string }) => t.caseId === caseId) as
            | { taskId: string; kind: string; dueAt: string }
            | undefined;
        },
        20_000,
        `an open task for ${user}`,
      );

    it('puts an approval in the inbox of each country on the route, never with its token', async () => {
      for (const user of ['authority.mx', 'authority.gt', 'authority.hn']) {
        const task = await openTaskFor(user);
        expect(task.kind).toBe('country_approval');
      }
      const inbox = await api.call('authority.mx', 'GET', '/api/tasks');
      expect(JSON.stringify(inbox.body).toLowerCase()).not.toContain('token');
      const detail = await api.call('consular.hn', 'GET', `/api/cases/${caseId}`);
      expect(detail.body.approvals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            approvalRole: 'exit',
            country: 'MX',
            status: 'pending',
            dueAt: expect.any(String),
          }),
          expect.objectContaining({ approvalRole: 'transit', country: 'GT', status: 'pending' }),
          expect.objectContaining({ approvalRole: 'reception', country: 'HN', status: 'pending' }),
        ]),
      );
    });

    it('lets the secretariat see every open task across countries, and no one else', async () => {
      const all = await api.call('secretariat', 'GET', '/api/tasks?view=all');
      expect(
        all.body.items.filter((t: { caseId: string }) => t.caseId === caseId).length,
      ).toBeGreaterThanOrEqual(3);
      expect((await api.call('authority.mx', 'GET', '/api/tasks?view=all')).status).toBe(403);
      const approvals = await api.call(
        'secretariat',
        'GET',
        '/api/tasks?view=all&kind=country_approval&limit=2',
      );
      expect(approvals.body.items.length).toBeGreaterThanOrEqual(2);
      expect(approvals.body.items.every((t: { kind: string }) => t.kind === 'country_approval')).toBe(true);
      const none = await api.call('secretariat', 'GET', '/api/tasks?view=all&kind=manual_booking');
      expect(none.body.items).toEqual([]);
    });

    it("refuses another country's authority on a task, and shows nothing of it", async () => {
      const task = await openTaskFor('authority.mx');
      expect((await api.call('authority.gt', 'GET', `/api/tasks/${task.taskId}`)).status).toBe(404);
      const refused = await api.call('authority.gt', 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'approve',
      });
      expect([403, 404]).toContain(refused.status);
    });

    it('records a decision once: a retry of the same decision is answered, another decision is 409', async () => {
      const task = await openTaskFor('authority.mx');
      const bad = await api.call('authority.mx', 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'maybe',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].path).toBe('decision');
      const done = await api.call('authority.mx', 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'approve',
        comment: 'Exit authorised.',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', completedBy: { username: 'authority.mx' } });
      const retry = await api.call('authority.mx', 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'approve',
        comment: 'Exit authorised.',
      });
      expect(retry.status).toBe(200);
      const change = await api.call('authority.mx', 'POST', `/api/tasks/${task.taskId}/complete`, {
        decision: 'reject',
        comment: 'Changed my mind.',
      });
      expect(change.status).toBe(409);
      const detail = await api.call('secretariat', 'GET', `/api/cases/${caseId}`);
      expect(detail.body.approvals).toEqual(
        expect.arrayContaining([expect.objectContaining({ country: 'MX', status: 'approved' })]),
      );
      expect(
        detail.body.timeline.filter((e: { event: string }) => e.event === 'approval_decided'),
      ).toHaveLength(1);
    });

    it('withdraws the case for its consular officer only; the workflow releases the hold and cancels the tasks', async () => {
      expect(
        (await api.call('consular.gt', 'POST', `/api/cases/${caseId}/withdraw`, { reason: 'x' })).status,
      ).toBe(404);
      const missing = await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, {});
      expect(missing.status).toBe(400);
      const withdrawn = await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, {
        reason: 'He decided to stay with an aunt in Mexico.',
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toEqual({ caseId, status: 'WITHDRAWN' });
      expect(
        (await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, { reason: 'again' })).status,
      ).toBe(409);
      const inbox = await api.call('authority.gt', 'GET', '/api/tasks?status=open');
      expect(inbox.body.items.map((t: { caseId: string }) => t.caseId)).not.toContain(caseId);
      const detail = await eventually(
        async () => {
          const answer = await api.call('secretariat', 'GET', `/api/cases/${caseId}`);
          return answer.body.amounts.reservedUsd === 0 ? answer.body : undefined;
        },
        20_000,
        'the hold to be released',
      );
      expect(detail.status).toBe('WITHDRAWN');
    });
  });
});
