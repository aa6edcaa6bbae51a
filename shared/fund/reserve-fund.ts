/**
 * The Reserve Fund as the API and the workflow use it: amounts in USD (≤ 2 decimals) at the edge,
 * integer cents inside, the fund created on first use, and every movement idempotent on its cause.
 */
import { DEFAULT_CASE_CEILING_USD, DEFAULT_FUND_ID } from '../contracts/fund';
import type { CountryCode } from '../countries';
import { ForbiddenError } from '../errors';
import type { FundBalance, FundLedger, LedgerActor, LedgerEntry, MovementResult } from '../ports/fund-ledger';
import type { Page, PageRequest } from '../ports/page';
import { centsToUsd, usdToCents } from './cents';
import { FundNotFoundError } from './fund-errors';
import { checkInvariant, type Discrepancy } from './invariant';

export interface ReserveFundOptions {
  /** @default DEFAULT_FUND_ID, `rcm-reserve` */
  readonly fundId?: string;
  /** Per-case ceiling in USD, used when the fund is created. @default DEFAULT_CASE_CEILING_USD, 1000 */
  readonly ceilingUsd?: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** A fund's balance in USD, as `GET /api/funds/{fundId}` answers it. */
export interface FundView {
  readonly fundId: string;
  readonly currency: 'USD';
  readonly ceiling: number;
  readonly capital: number;
  readonly available: number;
  readonly reserved: number;
  readonly disbursed: number;
  readonly updatedAt: string;
}

/** A ledger entry in USD. */
export interface LedgerEntryView {
  readonly entryKey: string;
  readonly type: LedgerEntry['type'];
  readonly amount: number;
  readonly caseId?: string;
  readonly reference?: string;
  readonly country?: CountryCode;
  readonly actor?: LedgerActor;
  readonly at: string;
}

/** Converts a stored balance to USD. */
export function fundView(balance: FundBalance): FundView {
  return {
    fundId: balance.fundId,
    currency: balance.currency,
    ceiling: centsToUsd(balance.ceilingCents),
    capital: centsToUsd(balance.capitalCents),
    available: centsToUsd(balance.availableCents),
    reserved: centsToUsd(balance.reservedCents),
    disbursed: centsToUsd(balance.disbursedCents),
    updatedAt: balance.updatedAt,
  };
}

/** Converts a stored entry to USD. */
export function entryView(entry: LedgerEntry): LedgerEntryView {
  const { fundId: _fundId, amountCents, ...rest } = entry;
  return { ...rest, amount: centsToUsd(amountCents) };
}

export interface MovementOutcome {
  readonly entry: LedgerEntryView;
  /** False when the movement had already been applied (a retry). */
  readonly applied: boolean;
}

const outcome = (result: MovementResult): MovementOutcome => ({
  entry: entryView(result.entry),
  applied: result.applied,
});

export class ReserveFund {
  readonly fundId: string;
  private readonly ceilingCents: number;
  private readonly now: () => Date;
  private ensured: Promise<FundBalance> | undefined;

  constructor(
    private readonly ledger: FundLedger,
    options: ReserveFundOptions = {},
  ) {
    this.fundId = options.fundId ?? DEFAULT_FUND_ID;
    this.ceilingCents = usdToCents(options.ceilingUsd ?? DEFAULT_CASE_CEILING_USD, 'ceilingUsd');
    this.now = options.now ?? (() => new Date());
  }

  /** Creates the fund unless it exists (once per instance; later calls reuse the answer). */
  ensureFund(): Promise<FundBalance> {
    this.ensured ??= this.ledger
      .ensureFund({ fundId: this.fundId, currency: 'USD', ceilingCents: this.ceilingCents, at: this.at() })
      .catch((error: unknown) => {
        this.ensured = undefined;
        throw error;
      });
    return this.ensured;
  }

  /**
   * A member state's contribution: raises capital and available. Idempotent on `reference`.
   * Only the Secretariat (or the system, seeding) records one: checked here, not only at the gateway.
   * @throws ForbiddenError for any other role
   */
  async contribute(input: {
    readonly reference: string;
    readonly amountUsd: number;
    readonly country?: CountryCode;
    readonly actor: LedgerActor;
  }): Promise<MovementOutcome> {
    if (input.actor.role !== 'secretariat' && input.actor.role !== 'system') {
      throw new ForbiddenError(
        `role ${input.actor.role} may not record contributions: the Secretariat manages the fund`,
      );
    }
    const amountCents = usdToCents(input.amountUsd, 'amount');
    await this.ensureFund();
    return outcome(
      await this.ledger.applyMovement(this.fundId, {
        type: 'contribution',
        reference: input.reference,
        amountCents,
        ...(input.country ? { country: input.country } : {}),
        ...(input.actor ? { actor: input.actor } : {}),
        at: this.at(),
      }),
    );
  }

  /**
   * Holds money for a case (available → reserved). Idempotent per case.
   * @throws InsufficientFundsError, CeilingExceededError, MovementConflictError (other amount)
   */
  async reserve(input: {
    readonly caseId: string;
    readonly amountUsd: number;
    readonly actor?: LedgerActor;
  }): Promise<MovementOutcome> {
    const amountCents = usdToCents(input.amountUsd, 'amount');
    await this.ensureFund();
    return outcome(
      await this.ledger.applyMovement(this.fundId, {
        type: 'reservation',
        caseId: input.caseId,
        amountCents,
        ...(input.actor ? { actor: input.actor } : {}),
        at: this.at(),
      }),
    );
  }

  /** Gives a case's hold back (reserved → available): rejection, expiry, withdrawal before disbursement. */
  release(input: { readonly caseId: string; readonly actor?: LedgerActor }): Promise<MovementOutcome> {
    return this.caseMovement('release', input);
  }

  /** Commits a case's hold (reserved → disbursed): the Secretariat's disbursement approval. */
  disburse(input: { readonly caseId: string; readonly actor?: LedgerActor }): Promise<MovementOutcome> {
    return this.caseMovement('disbursement', input);
  }

  /** Returns a disbursed amount to available: withdrawal or failure after disbursement, refund. */
  reverse(input: { readonly caseId: string; readonly actor?: LedgerActor }): Promise<MovementOutcome> {
    return this.caseMovement('reversal', input);
  }

  /** The fund's balance in USD. @throws FundNotFoundError */
  async balance(): Promise<FundView> {
    const balance = await this.ledger.getBalance(this.fundId);
    if (!balance) throw new FundNotFoundError(`fund ${this.fundId} does not exist`);
    return fundView(balance);
  }

  /** Ledger entries, oldest first, in USD. */
  async entries(page?: PageRequest): Promise<Page<LedgerEntryView>> {
    const result = await this.ledger.listEntries(this.fundId, page);
    return { ...result, items: result.items.map(entryView) };
  }

  /**
   * Checks the invariant on a consistent snapshot: reads the balance, the entries, and the balance
   * again, and retries if a movement landed in between (the entry count changed).
   */
  async verify(): Promise<Discrepancy[]> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.ledger.getBalance(this.fundId);
      if (!before) throw new FundNotFoundError(`fund ${this.fundId} does not exist`);
      const entries = await this.ledger.allEntries(this.fundId);
      const after = await this.ledger.getBalance(this.fundId);
      if (after && after.entryCount === before.entryCount) return checkInvariant(after, entries);
    }
    return [{ code: 'busy', message: 'the fund kept moving while it was being checked; try again' }];
  }

  private async caseMovement(
    type: 'release' | 'disbursement' | 'reversal',
    input: { readonly caseId: string; readonly actor?: LedgerActor },
  ): Promise<MovementOutcome> {
    return outcome(
      await this.ledger.applyMovement(this.fundId, {
        type,
        caseId: input.caseId,
        ...(input.actor ? { actor: input.actor } : {}),
        at: this.at(),
      }),
    );
  }

  private at(): string {
    return this.now().toISOString();
  }
}
