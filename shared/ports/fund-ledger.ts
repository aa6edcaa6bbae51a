/** The port through which the domain moves money in a fund. Amounts are integer cents. */
import type { CountryCode } from '../countries';
import type { Buckets, HoldState, MovementType } from '../fund/movement';
import type { Role } from '../roles';
import type { Page, PageRequest } from './page';

/** Who caused a movement, recorded on its entry (ids only, no personal data). */
export interface LedgerActor {
  readonly subject: string;
  readonly username: string;
  readonly role: Role | 'system';
}

export interface FundBalance extends Buckets {
  readonly fundId: string;
  readonly currency: 'USD';
  /** Largest reservation one case may hold. */
  readonly ceilingCents: number;
  readonly entryCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface LedgerEntry {
  readonly fundId: string;
  /** Deterministic key from the cause: `reservation#<caseId>`, `contribution#<reference>`. */
  readonly entryKey: string;
  readonly type: MovementType;
  readonly amountCents: number;
  readonly caseId?: string;
  /** The contribution's reference (e.g. a bank transfer id). */
  readonly reference?: string;
  /** The contributing member state. */
  readonly country?: CountryCode;
  readonly actor?: LedgerActor;
  readonly at: string;
}

/** A case's money in the fund and where it stands. */
export interface Hold {
  readonly fundId: string;
  readonly caseId: string;
  readonly amountCents: number;
  readonly state: HoldState;
  readonly updatedAt: string;
}

export interface NewFund {
  readonly fundId: string;
  readonly currency: 'USD';
  readonly ceilingCents: number;
  readonly at: string;
}

export type MovementRequest =
  | {
      readonly type: 'contribution';
      readonly reference: string;
      readonly amountCents: number;
      readonly country?: CountryCode;
      readonly actor?: LedgerActor;
      readonly at: string;
    }
  | {
      readonly type: 'reservation';
      readonly caseId: string;
      readonly amountCents: number;
      readonly actor?: LedgerActor;
      readonly at: string;
    }
  | {
      /** Release, disbursement and reversal move the whole hold of the case. */
      readonly type: 'release' | 'disbursement' | 'reversal';
      readonly caseId: string;
      readonly actor?: LedgerActor;
      readonly at: string;
    };

export interface MovementResult {
  readonly entry: LedgerEntry;
  /** False when this was a retry and the original entry is returned (nothing moved). */
  readonly applied: boolean;
}

export interface FundLedger {
  /** Creates the fund with zero balances unless it exists; answers its balance either way. */
  ensureFund(fund: NewFund): Promise<FundBalance>;
  getBalance(fundId: string): Promise<FundBalance | undefined>;
  listFunds(): Promise<FundBalance[]>;
  /**
   * Applies one movement exactly once: the entry and the balance change are one transaction,
   * guarded so that nothing is overspent. A retry answers the original entry with applied=false.
   * @throws InsufficientFundsError, CeilingExceededError, MovementConflictError, HoldNotFoundError,
   *   HoldStateError, FundNotFoundError
   */
  applyMovement(fundId: string, movement: MovementRequest): Promise<MovementResult>;
  getEntry(fundId: string, entryKey: string): Promise<LedgerEntry | undefined>;
  /** Entries oldest first. */
  listEntries(fundId: string, page?: PageRequest): Promise<Page<LedgerEntry>>;
  /** Every entry, read consistently (for the invariant check; a fund has few entries a year). */
  allEntries(fundId: string): Promise<LedgerEntry[]>;
  getHold(fundId: string, caseId: string): Promise<Hold | undefined>;
}
