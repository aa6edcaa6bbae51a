// `npm run demo` against a whole local cloud, as a developer runs it against `npm start`: the
// child's case goes as far as the workflow takes a case, the stranded adult is ineligible, the
// overland return is rejected by its transit country; and a second run works too, with new people.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runDemo } from '../../scripts/demo';
import { CASE_STATUSES, type CaseStatus } from '../../shared/contracts/case';
import { manifest } from '../../shared/manifest';
import { startTestApi, type TestApi } from '../support/api';

const root = resolve(__dirname, '../..');

/** A case's statuses from the request to CLOSED, in the order a return goes through them. */
const JOURNEY: readonly CaseStatus[] = [
  'SUBMITTED',
  'AWAITING_APPROVALS',
  'AWAITING_DISBURSEMENT',
  'BOOKING',
  'AWAITING_DEPARTURE',
  'TRAVELLING',
  'ARRIVED',
  'REINTEGRATION',
  'CLOSED',
];

/** The furthest status of the journey that any of the manifest's state machines records. */
function furthestStatusTheWorkflowsRecord(): CaseStatus {
  const recorded = new Set<string>();
  for (const machine of Object.values(manifest.stateMachines)) {
    const definition = readFileSync(join(root, machine.definition), 'utf8');
    for (const [, status] of definition.matchAll(/"status": "([A-Z_]+)"/g)) recorded.add(status!);
  }
  const furthest = JOURNEY.filter((status) => recorded.has(status)).at(-1);
  if (!furthest || !CASE_STATUSES.includes(furthest)) throw new Error('no journey status in the workflows');
  return furthest;
}

describe('npm run demo', () => {
  let api: TestApi;
  afterAll(() => api?.stop());

  it('walks its three cases to where the workflow takes them, twice, with new people each time', async () => {
    api = await startTestApi();
    const furthest = furthestStatusTheWorkflowsRecord();
    for (let run = 1; run <= 2; run++) {
      const lines: string[] = [];
      const outcome = await runDemo({
        baseUrl: api.baseUrl,
        sesUrl: api.cloud.urls.ses,
        say: (line) => lines.push(line),
        graceMs: 3_000,
        // Where each email is shown is not what this checks: a short wait for them keeps it quick.
        emailsQuietMs: 1_000,
      });
      expect(outcome.ineligible.status).toBe('INELIGIBLE');
      expect(outcome.rejected.status).toBe('REJECTED');
      expect(outcome.journey.status).toBe(furthest);
      if (furthest === 'CLOSED') expect(outcome.journey.stoppedWaitingFor).toBeUndefined();
      else
        expect(lines.join('\n')).toContain(`the workflow does not take a case further than ${furthest} yet`);

      // Each step is followed by the fund's balances; the refusals are explained.
      expect(lines.filter((line) => line.includes('fund: ')).length).toBeGreaterThanOrEqual(6);
      expect(lines.join('\n')).toMatch(/why: .*natural disaster/);
      expect(lines.join('\n')).toContain('(transit): rejected');
    }
    const fund = (await api.call('auditor', 'GET', '/api/funds/rcm-reserve')).body;
    expect(fund.available + fund.reserved + fund.disbursed).toBeCloseTo(fund.capital, 2);
    expect(fund.reserved).toBe(0);
  }, 240_000);
});
