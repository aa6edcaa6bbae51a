// Data protection through the real API (gateway, authorizer, bundles, DynamoDB Local): what each
// person sees of a case, row by row from the table in docs/domain.md, in the case, in the list and
// in the audit of reads; consent end to end; input that hides something refused with nothing
// stored; and the same answer for a task that is not the caller's as for one that does not exist.
import { startTestApi, type TestApi } from '../support/api';
import { validCaseRequest } from '../support/case-request-fixture';
import { disclosureTables, TABLE_PROFILES, type TableProfile, valueAt } from '../support/disclosure-table';
import { eventually } from '../support/eventually';

/** Who reads the case in each profile: a Honduran child in Mexico, home overland through Guatemala. */
const READERS: Record<TableProfile, readonly string[]> = {
  full: ['consular.hn', 'secretariat', 'auditor'],
  exit: ['authority.mx'],
  transit: ['authority.gt'],
  reception: ['authority.hn'],
  reintegration: ['reintegration.hn'],
  operations: ['operations'],
};

/** Every optional field filled, so that each row of the table has something to show or hide. */
const fullRequest = (documentNumber: string) =>
  validCaseRequest({
    migrant: { documentNumber },
    location: { facility: 'Albergue DIF Tapachula' },
    returnTo: { address: 'Colonia Rivera Hernández 12' },
    route: { earliestDeparture: '2099-01-10' },
    needs: { notes: 'Fear of travelling alone at night.' },
    contact: { phone: '+52 962 000 0000' },
    submitterNotes: 'The mother was reached by phone.',
  });

const PERSONAL = ['José Andrés', 'Martínez', '2010-03-14', 'Albergue', 'unaccompanied_child', 'María López'];

describe('data protection through the API', () => {
  let api: TestApi;
  let caseId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const funded = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
      country: 'MX',
      amount: 20_000,
      reference: 'MX-DP-001',
    });
    expect(funded.status).toBe(201);
    const submitted = await api.call('consular.hn', 'POST', '/api/cases', fullRequest('DP-FULL-1'));
    expect(submitted.status).toBe(201);
    caseId = submitted.body.caseId;
  }, 90_000);
  afterAll(() => api?.stop());

  describe('what each person sees of a case, row by row from docs/domain.md', () => {
    const { request: rows } = disclosureTables();

    it.each(TABLE_PROFILES)('%s', async (profile) => {
      const sent = fullRequest('DP-FULL-1');
      for (const reader of READERS[profile]) {
        const answer = await api.call(reader, 'GET', `/api/cases/${caseId}`);
        expect([reader, answer.status, answer.body.disclosure]).toEqual([reader, 200, profile]);
        for (const { field, seenBy } of rows) {
          const shown = valueAt(answer.body.request, field);
          expect([reader, field, shown !== undefined]).toEqual([reader, field, seenBy.has(profile)]);
        }
        expect([reader, answer.body.vulnerabilities !== undefined]).toEqual([reader, profile === 'full']);
        expect(valueAt(answer.body.request, 'migrant.givenNames')).toBe(sent.migrant.givenNames);
      }
    });

    it('records every read with the profile it disclosed, in the case’s audit', async () => {
      const reads = await eventually(async () => {
        const { body } = await api.call('auditor', 'GET', `/api/cases/${caseId}/audit?limit=100`);
        const found = body.items.filter(
          (entry: { action: string }) => entry.action === 'case.read_personal_data',
        );
        return found.length >= 8 ? found : undefined;
      });
      const profiles = new Map<string, Set<string>>();
      for (const entry of reads as { actor: { username: string }; details: { profile: string } }[]) {
        profiles.set(
          entry.actor.username,
          (profiles.get(entry.actor.username) ?? new Set()).add(entry.details.profile),
        );
      }
      for (const profile of TABLE_PROFILES) {
        for (const reader of READERS[profile])
          expect([reader, [...(profiles.get(reader) ?? [])]]).toEqual([reader, [profile]]);
      }
    });

    it('lists the case to each of them with nothing about the person', async () => {
      for (const reader of Object.values(READERS).flat()) {
        const { status, body } = await api.call(reader, 'GET', '/api/cases?limit=100');
        expect(status).toBe(200);
        const item = body.items.find((entry: { caseId: string }) => entry.caseId === caseId);
        expect([reader, item?.caseId]).toEqual([reader, caseId]);
        for (const text of PERSONAL)
          expect([reader, JSON.stringify(item).includes(text)]).toEqual([reader, false]);
        expect(item).not.toHaveProperty('vulnerabilities');
        expect(item).not.toHaveProperty('isChild');
      }
    });
  });

  describe('consent to share with a country', () => {
    it('makes a case whose route needs a country’s decision ineligible without it, and hides the case from that country', async () => {
      const noGuatemala = validCaseRequest({
        migrant: { documentNumber: 'DP-NOGT-1', givenNames: 'Rosa Elena' },
        consent: { dataTransferConsent: ['MX', 'HN'] },
      });
      const submitted = await api.call('consular.hn', 'POST', '/api/cases', noGuatemala);
      expect(submitted.body.status).toBe('INELIGIBLE');
      const seen = await api.call('consular.hn', 'GET', `/api/cases/${submitted.body.caseId}`);
      expect(seen.body.eligibility.reasons.map((reason: { code: string }) => reason.code)).toContain(
        'data_transfer_consent_missing',
      );
      const guatemala = await api.call('authority.gt', 'GET', `/api/cases/${submitted.body.caseId}`);
      expect(guatemala.status).toBe(404);
      const list = await api.call('authority.gt', 'GET', '/api/cases?limit=100');
      expect(list.body.items.map((item: { caseId: string }) => item.caseId)).not.toContain(
        submitted.body.caseId,
      );
      // Mexico, which has the consent, still sees it.
      expect((await api.call('authority.mx', 'GET', `/api/cases/${submitted.body.caseId}`)).status).toBe(200);
    });
  });

  describe('input that hides something is refused, and nothing is stored', () => {
    const countCases = async () => {
      const { body } = await api.call('secretariat', 'GET', '/api/cases?limit=100');
      return body.items.length as number;
    };

    it('refuses invisible, controlled and bidi-overridden text in a submission, naming the field and the rule', async () => {
      const before = await countCases();
      for (const [override, issue] of [
        [{ migrant: { givenNames: '\u200b' } }, 'migrant.givenNames: visible_text'],
        [{ migrant: { familyNames: 'López\u0000' } }, 'migrant.familyNames: no_control_characters'],
        [{ circumstances: 'Alone\u001b[2J' }, 'circumstances: no_control_characters'],
        [{ returnTo: { city: 'San Pedro\u202e Sula' } }, 'returnTo.city: no_bidi_controls'],
      ] as const) {
        const answer = await api.call(
          'consular.hn',
          'POST',
          '/api/cases',
          validCaseRequest({
            ...override,
            migrant: { documentNumber: 'DP-BAD-1', ...(override as { migrant?: object }).migrant },
          }),
        );
        expect(answer.status).toBe(400);
        expect(answer.body.issues.map((i: { path: string; rule: string }) => `${i.path}: ${i.rule}`)).toEqual(
          [issue],
        );
      }
      // A lone surrogate cannot be sent as UTF-8 text, only escaped in the JSON.
      const lone = JSON.stringify(validCaseRequest({ migrant: { documentNumber: 'DP-BAD-2' } })).replace(
        '"José Andrés"',
        '"José\\ud800"',
      );
      const surrogate = await api.call('consular.hn', 'POST', '/api/cases', lone);
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.issues[0]).toMatchObject({ path: 'migrant.givenNames', rule: 'well_formed' });
      expect(await countCases()).toBe(before);
    });

    it('refuses a rejection whose reason is invisible, and a body that gives the decision twice', async () => {
      const taskId = `${caseId}.country_approval.MX.1`;
      await eventually(
        async () =>
          (await api.call('authority.mx', 'GET', `/api/tasks/${taskId}`)).status === 200 || undefined,
      );
      const invisible = await api.call('authority.mx', 'POST', `/api/tasks/${taskId}/complete`, {
        decision: 'reject',
        comment: '\u200b',
      });
      expect(invisible.status).toBe(400);
      expect(invisible.body.issues).toEqual([
        expect.objectContaining({ path: 'comment', rule: 'visible_text' }),
      ]);
      const twice = await api.call(
        'authority.mx',
        'POST',
        `/api/tasks/${taskId}/complete`,
        '{"decision":"approve","decision":"reject","comment":"no"}',
      );
      expect(twice.status).toBe(400);
      expect(twice.body.issues).toEqual([
        expect.objectContaining({ path: 'decision', rule: 'duplicate_key' }),
      ]);
      expect((await api.call('authority.mx', 'GET', `/api/tasks/${taskId}`)).body.status).toBe('open');
    });

    it('refuses a submission that gives a key twice, and stores nothing', async () => {
      const before = await countCases();
      const body = JSON.stringify(validCaseRequest({ migrant: { documentNumber: 'DP-DUP-1' } })).replace(
        '"sex":"male"',
        '"sex":"male","sex":"female"',
      );
      const answer = await api.call('consular.hn', 'POST', '/api/cases', body);
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([
        expect.objectContaining({ path: 'migrant.sex', rule: 'duplicate_key' }),
      ]);
      expect(await countCases()).toBe(before);
    });

    it('reads a body only as application/json: text/plain and forms answer 415', async () => {
      const before = await countCases();
      const body = JSON.stringify(validCaseRequest({ migrant: { documentNumber: 'DP-TYPE-1' } }));
      for (const type of [
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
      ]) {
        const answer = await api.call('consular.hn', 'POST', '/api/cases', body, { 'content-type': type });
        expect([type, answer.status, answer.body.error]).toEqual([type, 415, 'UnsupportedMediaTypeError']);
      }
      expect(await countCases()).toBe(before);
    });

    it('refuses an invisible withdrawal reason and leaves the case as it was', async () => {
      const answer = await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, {
        reason: '\u200b',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([expect.objectContaining({ path: 'reason', rule: 'visible_text' })]);
      expect((await api.call('consular.hn', 'GET', `/api/cases/${caseId}`)).body.status).not.toBe(
        'WITHDRAWN',
      );
    });

    it('takes two contribution references spelt alike (NFC and NFD) as one contribution', async () => {
      const fund = async () => (await api.call('secretariat', 'GET', '/api/funds/rcm-reserve')).body.capital;
      const before = await fund();
      const composed = 'Transferencia Atlántida 7';
      const decomposed = composed.normalize('NFD');
      expect(decomposed).not.toBe(composed);
      const first = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
        country: 'HN',
        amount: 100,
        reference: composed,
      });
      const second = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
        country: 'HN',
        amount: 100,
        reference: decomposed,
      });
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(await fund()).toBe(before + 100);
    });
  });

  describe('the rest of the case, row by row from docs/domain.md, after a country decides with a comment', () => {
    // Booking, check-ins and the withdrawal's reason have no data yet on this case: the unit test
    // of the same table covers them on a case that has every part.
    const observed: Record<string, (body: Record<string, unknown>) => boolean> = {
      displayName: (body) => body.displayName !== undefined,
      isChild: (body) => body.isChild !== undefined,
      vulnerabilities: (body) => body.vulnerabilities !== undefined,
      'eligibility.details': (body) => valueAt(body, 'eligibility.age') !== undefined,
    };
    const mexicosComment = (body: Record<string, unknown>) =>
      (body.approvals as { comment?: string }[]).some((approval) => approval.comment?.includes('INM'));

    it('shows each row to the profiles the table names, and Mexico its own comment only', async () => {
      const decided = await api.call(
        'authority.mx',
        'POST',
        `/api/tasks/${caseId}.country_approval.MX.1/complete`,
        {
          decision: 'approve',
          comment: 'Exit authorised by INM Tapachula.',
        },
      );
      expect(decided.status).toBe(200);
      // The task says what was decided; its free text is the case's, read and audited there.
      expect(decided.body.decision).toEqual({ kind: 'country_approval', form: { decision: 'approve' } });
      for (const reader of ['authority.mx', 'secretariat', 'auditor']) {
        const task = await api.call(reader, 'GET', `/api/tasks/${caseId}.country_approval.MX.1`);
        expect([reader, task.status, JSON.stringify(task.body).includes('INM')]).toEqual([
          reader,
          200,
          false,
        ]);
      }
      const rows = new Map(disclosureTables().rest.map((row) => [row.field, row.seenBy]));
      for (const profile of TABLE_PROFILES) {
        for (const reader of READERS[profile]) {
          const { body } = await api.call(reader, 'GET', `/api/cases/${caseId}`);
          for (const [field, observe] of Object.entries(observed)) {
            expect([reader, field, observe(body)]).toEqual([reader, field, rows.get(field)?.has(profile)]);
          }
          // Mexico's comment is Mexico's own; to everyone else it is another decider's.
          const row = reader === 'authority.mx' ? 'approvals.ownComment' : 'approvals.comments';
          expect([reader, row, mexicosComment(body)]).toEqual([reader, row, rows.get(row)?.has(profile)]);
        }
      }
    });
  });

  describe('a task that is not yours answers as one that does not exist', () => {
    it('answers 404, alike, to reading or completing another country’s task', async () => {
      const real = `${caseId}.country_approval.GT.1`;
      const fake = `${caseId}.country_approval.BZ.1`;
      await eventually(
        async () => (await api.call('authority.gt', 'GET', `/api/tasks/${real}`)).status === 200 || undefined,
      );
      const same = (answer: { status: number; body: { error: string; message: string } }, id: string) => ({
        status: answer.status,
        error: answer.body.error,
        message: answer.body.message.replace(id, '<id>'),
      });
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['POST', '/complete', { decision: 'approve' }],
      ] as const) {
        const notYours = await api.call('authority.cr', method, `/api/tasks/${real}${suffix}`, body);
        const missing = await api.call('authority.cr', method, `/api/tasks/${fake}${suffix}`, body);
        expect(same(notYours, real)).toEqual(same(missing, fake));
        expect(notYours.status).toBe(404);
        // Not even another authority on the route may complete it: Mexico sees its own tasks only.
        const otherCountry = await api.call('authority.mx', method, `/api/tasks/${real}${suffix}`, body);
        expect(same(otherCountry, real)).toEqual(same(missing, fake));
      }
      const own = await api.call('authority.gt', 'GET', `/api/tasks/${real}`);
      expect(own.body.status).toBe('open');
      // A task says what to do and for which case; what the case is about is behind the case's own read.
      for (const text of PERSONAL)
        expect([text, JSON.stringify(own.body).includes(text)]).toEqual([text, false]);
    });
  });
});
