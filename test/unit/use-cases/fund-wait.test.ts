/**
 * Waiting for funds, on the in-memory adapters: the queue is served strictly oldest first, a
 * contribution resumes exactly the cases it covers, nothing is ever overspent, and a new case
 * queues behind the cases already waiting.
 */
import { InsufficientFundsError } from '../../../shared/fund/fund-errors';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { reserveFunds } from '../../../shared/workflow/fund-steps';
import { releaseFundsAndServeQueue, resumeWaitingCases } from '../../../shared/workflow/fund-wait';
import { holdWait } from '../../../shared/workflow/wait-steps';
import { caseRequest } from '../cases/case-fixture';
import { consulHn, type MemoryServices, memoryServices, secretariat } from './memory-services';

let services: MemoryServices;

/** A new person's case (each person may have one open case), asking for `transport` dollars. */
async function submit(index: number, transport: number): Promise<string> {
  const request = caseRequest({
    costs: { transport, escort: 0, lodging: 0, food: 0, documents: 0, medical: 0, other: 0 },
  });
  const { caseId } = await submitCase(
    {
      cases: services.cases,
      audit: services.audit,
      workflow: services.workflow,
      ceilingUsd: 1000,
      now: services.now,
    },
    {
      principal: consulHn,
      request: {
        ...request,
        migrant: { ...request.migrant, givenNames: `Persona ${index}`, documentNumber: `E00${index}` },
      },
    },
  );
  return caseId;
}

let arrivals = 0;

/** The case's workflow tried to reserve, found no room, and now waits with its token (a second later than the last). */
async function waitForFunds(caseId: string): Promise<void> {
  await expect(reserveFunds(services, { caseId })).rejects.toThrow(InsufficientFundsError);
  arrivals += 1;
  const at = new Date(services.now().getTime() + arrivals * 1000);
  await holdWait({ ...services, now: () => at }, { caseId, kind: 'funds', taskToken: `token-${caseId}` });
}

const resumedTokens = () => services.workflow.callbacks.map((callback) => callback.taskToken);

beforeEach(() => {
  services = memoryServices();
});

describe('waiting for funds', () => {
  it('a contribution that covers three waiting cases resumes exactly those three, oldest first', async () => {
    await services.fund.contribute({ reference: 'seed', amountUsd: 100, actor: secretariat });
    const cases = [];
    for (const [index, amount] of [300, 200, 250, 400].entries()) {
      const caseId = await submit(index, amount);
      await waitForFunds(caseId);
      cases.push(caseId);
    }
    expect((await services.waits.list('funds')).map((wait) => wait.caseId)).toEqual(cases);

    // 100 + 700 = 800: covers 300 + 200 + 250 = 750, not the fourth's 400.
    await services.fund.contribute({ reference: 'c-1', amountUsd: 700, actor: secretariat });
    const round = await resumeWaitingCases(services);
    expect(round).toEqual({ resumed: cases.slice(0, 3), waiting: 1 });
    expect(resumedTokens()).toEqual(cases.slice(0, 3).map((caseId) => `token-${caseId}`));
    expect(await services.fund.balance()).toMatchObject({ capital: 800, reserved: 750, available: 50 });
    expect((await services.waits.list('funds')).map((wait) => wait.caseId)).toEqual([cases[3]]);

    // Serving again changes nothing: the fourth still does not fit, nothing moves twice.
    expect(await resumeWaitingCases(services)).toEqual({ resumed: [], waiting: 1 });
    expect(await services.fund.balance()).toMatchObject({ reserved: 750, available: 50 });
  });

  it('stops at the oldest case that does not fit: a smaller later case never overtakes it', async () => {
    const big = await submit(1, 500);
    const small = await submit(2, 50);
    await waitForFunds(big);
    await waitForFunds(small);
    await services.fund.contribute({ reference: 'c-1', amountUsd: 100, actor: secretariat });
    expect(await resumeWaitingCases(services)).toEqual({ resumed: [], waiting: 2 });
    expect(await services.fund.balance()).toMatchObject({ reserved: 0, available: 100 });
  });

  it('a new case queues behind the cases already waiting, even when it would fit', async () => {
    const waiting = await submit(1, 500);
    await waitForFunds(waiting);
    await services.fund.contribute({ reference: 'c-1', amountUsd: 100, actor: secretariat });
    const late = await submit(2, 50);
    await expect(reserveFunds(services, { caseId: late })).rejects.toThrow(
      /1 case\(s\) wait for the fund ahead/,
    );
    expect(await services.fund.balance()).toMatchObject({ reserved: 0 });
  });

  it('a case joining the queue when there is room already is resumed at once', async () => {
    const caseId = await submit(1, 300);
    await expect(reserveFunds(services, { caseId })).rejects.toThrow(InsufficientFundsError);
    // The contribution lands between the failed reservation and the token being kept.
    await services.fund.contribute({ reference: 'c-1', amountUsd: 300, actor: secretariat });
    await holdWait(services, { caseId, kind: 'funds', taskToken: 'token-1' });
    expect(resumedTokens()).toEqual(['token-1']);
    expect(await services.waits.list('funds')).toEqual([]);
    // Its execution goes back to ReserveFunds and finds its hold: nothing moves twice.
    await reserveFunds(services, { caseId });
    expect(await services.fund.balance()).toMatchObject({ reserved: 300, available: 0 });
  });

  it('money given back serves the queue, and a withdrawn waiting case leaves it with no hold', async () => {
    await services.fund.contribute({ reference: 'seed', amountUsd: 300, actor: secretariat });
    const holder = await submit(1, 300);
    await reserveFunds(services, { caseId: holder });
    const waiting = await submit(2, 200);
    const withdrawn = await submit(3, 100);
    await waitForFunds(waiting);
    await waitForFunds(withdrawn);
    await services.cases.mutate(withdrawn, () => ({ changes: { status: 'WITHDRAWN' } }));

    await releaseFundsAndServeQueue(services, { caseId: holder, reason: 'CountryRejected' });
    expect(resumedTokens()).toEqual([`token-${waiting}`]);
    expect(await services.waits.list('funds')).toEqual([]);
    expect(await services.fund.balance()).toMatchObject({ reserved: 200, available: 100 });
    expect(await services.adapters.ledger.getHold(services.fund.fundId, withdrawn)).toBeUndefined();
  });

  it('a case two rounds serve at once is reserved once and resumed once', async () => {
    const caseId = await submit(1, 300);
    await waitForFunds(caseId);
    await services.fund.contribute({ reference: 'c-1', amountUsd: 1000, actor: secretariat });
    const rounds = await Promise.all([resumeWaitingCases(services), resumeWaitingCases(services)]);
    expect(rounds.flatMap((round) => round.resumed).length).toBeGreaterThanOrEqual(1);
    expect(resumedTokens()).toEqual([`token-${caseId}`]);
    expect(await services.fund.balance()).toMatchObject({ reserved: 300, available: 700 });
  });
});
