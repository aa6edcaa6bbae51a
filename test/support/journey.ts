/**
 * The people of a case, scripted against the API of a running local cloud: the consulate submits
 * and withdraws, each assignee finds their task in their inbox and completes it, the Secretariat
 * contributes, the clock moves. What the workflow path tests (test/integration/workflow-paths*)
 * are written in.
 */
import { randomBytes } from 'node:crypto';
import { readLocalSettings } from '../../local/local-config';
import type { FunctionName } from '../../shared/manifest';
import { localResourceName } from '../../shared/manifest-names';
import type { TestApi } from './api';
import { validCaseRequest } from './case-request-fixture';
import { eventually } from './eventually';

type Request = Parameters<typeof validCaseRequest>[0];

/** Submits a case for a new person (a person may have one open case); answers its id. */
export async function submitCase(api: TestApi, overrides: Request = {}, as = 'consular.hn'): Promise<string> {
  const unique = randomBytes(4).toString('hex');
  const request = validCaseRequest({
    ...overrides,
    migrant: {
      documentNumber: `0801-2010-${unique}`,
      familyNames: `Prueba ${unique}`,
      ...overrides?.migrant,
    },
  });
  const answer = await api.call(as, 'POST', '/api/cases', request);
  if (answer.status !== 201)
    throw new Error(`submission refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.caseId as string;
}

/** The case as its consulate sees it. */
export async function caseOf(api: TestApi, caseId: string, as = 'consular.hn') {
  return (await api.call(as, 'GET', `/api/cases/${caseId}`)).body;
}

/** Waits until the case reaches `status`; fails naming the status it stayed at. */
export async function waitForStatus(api: TestApi, caseId: string, status: string, timeoutMs = 30_000) {
  let last = '';
  try {
    return await eventually(
      async () => {
        const detail = await caseOf(api, caseId);
        last = detail.status;
        return detail.status === status ? detail : undefined;
      },
      timeoutMs,
      `case ${caseId} to reach ${status}`,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message} (it is ${last})`);
  }
}

/** The open task of this kind for the case in `user`'s inbox, once it is there. */
export async function inboxTask(
  api: TestApi,
  user: string,
  caseId: string,
  kind: string,
  timeoutMs = 30_000,
) {
  return eventually(
    async () =>
      (
        (await api.call(user, 'GET', `/api/tasks?kind=${kind}&limit=100`)).body.items as Array<{
          taskId: string;
          caseId: string;
          kind: string;
          dueAt: string;
        }>
      ).find((task) => task.caseId === caseId && task.kind === kind),
    timeoutMs,
    `a ${kind} task for ${user} in ${caseId}`,
  );
}

/** `user` completes the case's task of this kind with `form`; answers the task's id. */
export async function complete(
  api: TestApi,
  user: string,
  caseId: string,
  kind: string,
  form: unknown = { decision: 'approve' },
): Promise<string> {
  const task = await inboxTask(api, user, caseId, kind);
  const answer = await api.call(user, 'POST', `/api/tasks/${task.taskId}/complete`, form);
  if (answer.status !== 200)
    throw new Error(`${kind} by ${user} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return task.taskId;
}

/** Every country on the fixture's route (MX exit, GT transit, HN reception) approves. */
export async function approveRoute(
  api: TestApi,
  caseId: string,
  users = ['authority.mx', 'authority.gt', 'authority.hn'],
) {
  for (const user of users) await complete(api, user, caseId, 'country_approval');
}

/** The Secretariat contributes `amount` to the Reserve Fund (a new reference each time). */
export async function contribute(api: TestApi, amount: number): Promise<void> {
  const answer = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
    country: 'PA',
    amount,
    reference: `test-${randomBytes(4).toString('hex')}`,
  });
  if (answer.status !== 201) throw new Error(`contribution refused: ${answer.status}`);
}

/** The fund's four balances as the Secretariat sees them (not when they last changed). */
export async function fundOf(api: TestApi) {
  const { capital, available, reserved, disbursed } = (
    await api.call('secretariat', 'GET', '/api/funds/rcm-reserve')
  ).body as { capital: number; available: number; reserved: number; disbursed: number };
  return { capital, available, reserved, disbursed };
}

/** The fund's books balance: what it holds is what came in, in one of its three buckets. */
export function expectFundBalanced(fund: Awaited<ReturnType<typeof fundOf>>): void {
  expect(Math.round((fund.available + fund.reserved + fund.disbursed) * 100) / 100).toBe(fund.capital);
  expect(Math.min(fund.available, fund.reserved, fund.disbursed)).toBeGreaterThanOrEqual(0);
}

/** Today on the local clock, as a calendar date. */
export async function localToday(api: TestApi): Promise<string> {
  return new Date(api.cloud.clock.now()).toISOString().slice(0, 10);
}

/** Moves the local clock to a minute past `instant` (an ISO time) and waits for what fell due. */
export async function advancePast(api: TestApi, instant: string): Promise<void> {
  await api.advance(`${Math.max(1, Math.ceil((Date.parse(instant) - api.cloud.clock.now()) / 60_000) + 1)}m`);
}

/**
 * Runs a scheduled function (the reminders, the reconciler) now, as its schedule would, instead of
 * waiting up to a minute for the local timer; answers its result and waits for what it started.
 */
export async function runScheduled(api: TestApi, name: FunctionName): Promise<unknown> {
  const { invoker } = api.cloud;
  const answer = await invoker.invoke(
    invoker.functionArn(localResourceName(readLocalSettings({}).prefix, name)),
    {},
  );
  if (answer.functionError) throw new Error(`${name} failed: ${JSON.stringify(answer.payload)}`);
  await api.cloud.stepFunctions.settle();
  return answer.payload;
}

/** A check-in form: contact made, settled, in training, not intending to leave again. */
export const CHECK_IN = {
  contactMade: true,
  housing: 'stable',
  workOrTraining: 'training',
  health: 'good',
  psychosocialSupport: 'receiving',
  intendsToMigrateAgain: 'no',
  notes: 'Vive con su madre; asiste a un taller.',
} as const;
