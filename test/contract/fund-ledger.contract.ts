/**
 * The FundLedger contract: what every adapter of the port must do, driven through ReserveFund as
 * the domain uses it. Run against the in-memory adapter (unit tier) and DynamoDB (integration).
 */

import {
  CeilingExceededError,
  HoldNotFoundError,
  HoldStateError,
  InsufficientFundsError,
  MovementConflictError,
} from '../../shared/fund/fund-errors';
import { ReserveFund } from '../../shared/fund/reserve-fund';
import type { FundLedger } from '../../shared/ports/fund-ledger';
import { InvalidCursorPattern } from './cursor-refusal';

/** Contributions are the Secretariat's to record. */
const SECRETARIAT = { subject: 'test-secretariat', username: 'secretariat', role: 'secretariat' } as const;

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param makeLedger a ledger with no funds yet (called once, before the tests)
 */
export function fundLedgerContract(name: string, makeLedger: () => Promise<FundLedger> | FundLedger): void {
  let ledger: FundLedger;
  let counter = 0;

  /** A fresh fund per test so tests cannot see each other's money. */
  function freshFund(ceilingUsd = 1000): ReserveFund {
    counter += 1;
    return new ReserveFund(ledger, { fundId: `fund-${counter}`, ceilingUsd });
  }

  beforeAll(async () => {
    ledger = await makeLedger();
  });

  describe(`the Reserve Fund ledger (${name})`, () => {
    it('is created on first use with zero balances, in USD, with the per-case ceiling', async () => {
      const fund = new ReserveFund(ledger);
      await fund.ensureFund();
      await fund.ensureFund();
      expect(await fund.balance()).toMatchObject({
        fundId: 'rcm-reserve',
        currency: 'USD',
        ceiling: 1000,
        capital: 0,
        available: 0,
        reserved: 0,
        disbursed: 0,
      });
      expect((await ledger.listFunds()).map((f) => f.fundId)).toContain('rcm-reserve');
    });

    it('adds contributions to capital and available without float drift', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'mx-2024-01', amountUsd: 0.1, country: 'MX', actor: SECRETARIAT });
      await fund.contribute({ reference: 'mx-2024-02', amountUsd: 0.2, country: 'MX', actor: SECRETARIAT });
      const balance = await fund.balance();
      expect(balance.capital).toBe(0.3);
      expect(balance.available).toBe(0.3);
      expect(await fund.verify()).toEqual([]);
    });

    it('refuses a contribution by anyone but the Secretariat, in the domain, and changes nothing', async () => {
      const fund = freshFund();
      await expect(
        fund.contribute({
          reference: 'by-consul',
          amountUsd: 100,
          actor: { subject: 's', username: 'consular.hn', role: 'consular' },
        }),
      ).rejects.toMatchObject({ name: 'ForbiddenError' });
      expect((await fund.entries()).items).toEqual([]);
    });

    it('applies a retried contribution once and refuses the same reference with another amount', async () => {
      const fund = freshFund();
      const first = await fund.contribute({
        reference: 'gt-transfer-9',
        amountUsd: 5000,
        country: 'GT',
        actor: SECRETARIAT,
      });
      const retry = await fund.contribute({
        reference: 'gt-transfer-9',
        amountUsd: 5000,
        country: 'GT',
        actor: SECRETARIAT,
      });
      expect(first.applied).toBe(true);
      expect(retry.applied).toBe(false);
      expect(retry.entry).toEqual(first.entry);
      await expect(
        fund.contribute({ reference: 'gt-transfer-9', amountUsd: 4000, country: 'GT', actor: SECRETARIAT }),
      ).rejects.toThrow(MovementConflictError);
      expect((await fund.balance()).capital).toBe(5000);
      expect(await fund.verify()).toEqual([]);
    });

    it('lets exactly 10 of 50 simultaneous reservations through when the fund covers 10', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 10 * 750, actor: SECRETARIAT });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => fund.reserve({ caseId: `case-${i}`, amountUsd: 750 })),
      );
      const succeeded = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(succeeded).toHaveLength(10);
      expect(refused).toHaveLength(40);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientFundsError);
      expect(await fund.balance()).toMatchObject({
        capital: 7500,
        available: 0,
        reserved: 7500,
        disbursed: 0,
      });
      expect(await fund.verify()).toEqual([]);
    }, 60_000);

    it('applies concurrent retries of the same reservation once', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 1000, actor: SECRETARIAT });
      const results = await Promise.all(
        Array.from({ length: 10 }, () => fund.reserve({ caseId: 'case-a', amountUsd: 400 })),
      );
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      expect(new Set(results.map((r) => r.entry.entryKey))).toEqual(new Set(['reservation#case-a']));
      expect(await fund.balance()).toMatchObject({ available: 600, reserved: 400 });
      await expect(fund.reserve({ caseId: 'case-a', amountUsd: 300 })).rejects.toThrow(MovementConflictError);
      expect(await fund.verify()).toEqual([]);
    });

    it('refuses a reservation above the per-case ceiling even when the fund could cover it', async () => {
      const fund = freshFund(1000);
      await fund.contribute({ reference: 'seed', amountUsd: 50_000, actor: SECRETARIAT });
      await expect(fund.reserve({ caseId: 'big', amountUsd: 1000.01 })).rejects.toThrow(CeilingExceededError);
      await expect(fund.reserve({ caseId: 'edge', amountUsd: 1000 })).resolves.toMatchObject({
        applied: true,
      });
    });

    it('releases a hold back to available, once', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 1000, actor: SECRETARIAT });
      await fund.reserve({ caseId: 'c1', amountUsd: 600.5 });
      const released = await fund.release({ caseId: 'c1' });
      const again = await fund.release({ caseId: 'c1' });
      expect(released).toMatchObject({
        applied: true,
        entry: { type: 'release', amount: 600.5, caseId: 'c1' },
      });
      expect(again.applied).toBe(false);
      expect(await fund.balance()).toMatchObject({ available: 1000, reserved: 0 });
      await expect(fund.disburse({ caseId: 'c1' })).rejects.toThrow(HoldStateError);
      expect(await fund.verify()).toEqual([]);
    });

    it('disburses a hold, reverses it back to available, and refuses movements without a hold', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 2000, actor: SECRETARIAT });
      await fund.reserve({ caseId: 'c2', amountUsd: 800 });
      await fund.disburse({ caseId: 'c2' });
      expect(await fund.balance()).toMatchObject({
        capital: 2000,
        available: 1200,
        reserved: 0,
        disbursed: 800,
      });
      await expect(fund.release({ caseId: 'c2' })).rejects.toThrow(HoldStateError);
      await fund.reverse({ caseId: 'c2' });
      expect(await fund.balance()).toMatchObject({
        capital: 2000,
        available: 2000,
        reserved: 0,
        disbursed: 0,
      });
      await expect(fund.release({ caseId: 'nobody' })).rejects.toThrow(HoldNotFoundError);
      await expect(fund.reverse({ caseId: 'nobody' })).rejects.toThrow(HoldNotFoundError);
      expect(await fund.verify()).toEqual([]);
    });

    it('lets only one of a concurrent release and disbursement of the same hold win', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 1000, actor: SECRETARIAT });
      await fund.reserve({ caseId: 'c3', amountUsd: 500 });
      const results = await Promise.allSettled([
        fund.release({ caseId: 'c3' }),
        fund.disburse({ caseId: 'c3' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await fund.verify()).toEqual([]);
    });

    it('lists the ledger oldest first, a page at a time', async () => {
      const fund = freshFund();
      for (let i = 0; i < 5; i++)
        await fund.contribute({ reference: `r${i}`, amountUsd: 10, actor: SECRETARIAT });
      const first = await fund.entries({ limit: 3 });
      expect(first.items.map((e) => e.reference)).toEqual(['r0', 'r1', 'r2']);
      expect(first.nextCursor).toBeDefined();
      const second = await fund.entries({ limit: 3, cursor: first.nextCursor });
      expect(second.items.map((e) => e.reference)).toEqual(['r3', 'r4']);
    });

    it('refuses a cursor that the ledger listing did not hand out', async () => {
      const fund = freshFund();
      const other = freshFund();
      for (let i = 0; i < 3; i++) {
        await fund.contribute({ reference: `c${i}`, amountUsd: 10, actor: SECRETARIAT });
        await other.contribute({ reference: `c${i}`, amountUsd: 10, actor: SECRETARIAT });
      }
      const page = await other.entries({ limit: 1 });
      await expect(fund.entries({ cursor: page.nextCursor })).rejects.toMatchObject(InvalidCursorPattern);
      await expect(fund.entries({ cursor: 'not-a-cursor' })).rejects.toMatchObject(InvalidCursorPattern);
    });

    it('answers the same balance and entries to every reader, whatever a reader does with them', async () => {
      const fund = freshFund();
      await fund.contribute({ reference: 'seed', amountUsd: 100, actor: SECRETARIAT });
      const entry = await ledger.getEntry(fund.fundId, 'contribution#seed');
      (entry as { amountCents: number }).amountCents = 1;
      expect((await ledger.getEntry(fund.fundId, 'contribution#seed'))?.amountCents).toBe(10_000);
      await expect(
        ledger.applyMovement(fund.fundId, {
          type: 'reservation',
          caseId: 'x',
          amountCents: 0.5,
          at: '2024-01-01T00:00:00.000Z',
        }),
      ).rejects.toThrow(RangeError);
      await expect(
        ledger.applyMovement('no-such-fund', {
          type: 'contribution',
          reference: 'r',
          amountCents: 100,
          at: '2024-01-01T00:00:00.000Z',
        }),
      ).rejects.toMatchObject({ name: 'FundNotFoundError' });
    });
  });
}
