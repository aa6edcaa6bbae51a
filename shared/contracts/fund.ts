/**
 * The RCM Reserve Fund and its ledger, as the API shows them, and the contribution body.
 * Invariant kept by the ledger: capital = available + reserved + disbursed.
 */
import * as z from 'zod';
import { closedObject } from './closed-object';
import { countryCodeSchema } from './country';
import { instantSchema } from './dates';
import { positiveUsdAmountSchema, usdAmountSchema } from './money';
import { identifierSchema } from './text';

/** The fund cases draw on unless a deployment names another (docs/domain.md: the RCM Reserve Fund). */
export const DEFAULT_FUND_ID = 'rcm-reserve';

/** The most one case may receive, in USD, unless a deployment sets another (docs/domain.md: IOM San José). */
export const DEFAULT_CASE_CEILING_USD = 1000;

export const balanceSchema = /* @__PURE__ */ (() =>
  z.object({
    capital: usdAmountSchema,
    available: usdAmountSchema,
    reserved: usdAmountSchema,
    disbursed: usdAmountSchema,
  }))();
export type Balance = z.infer<typeof balanceSchema>;

/** A fund as `GET /api/funds/{fundId}` answers it (shared/fund/reserve-fund.ts `FundView`). */
export const fundSchema = /* @__PURE__ */ (() =>
  balanceSchema.extend({
    fundId: z.string().meta({ example: DEFAULT_FUND_ID }),
    currency: z.literal('USD'),
    /** Most a single case may hold. */
    ceiling: usdAmountSchema,
    updatedAt: instantSchema,
  }))();
export type FundShape = z.infer<typeof fundSchema>;

/**
 * Ledger movements: a contribution raises capital and available; a reservation moves money from
 * available to reserved, a release back; a disbursement from reserved to disbursed; a reversal
 * from disbursed back to available.
 */
export const LEDGER_ENTRY_KINDS = [
  'contribution',
  'reservation',
  'release',
  'disbursement',
  'reversal',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Who moved the money; `system` for the workflow's own steps. */
export const ledgerActorSchema = /* @__PURE__ */ (() =>
  z.object({ subject: z.string(), username: z.string(), role: z.string() }))();

/** A ledger entry as the API answers it (shared/fund/reserve-fund.ts `LedgerEntryView`). */
export const ledgerEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Deterministic from the cause (`reservation#<caseId>`, `contribution#<reference>`): a retry cannot apply twice. */
    entryKey: z.string(),
    type: z.enum(LEDGER_ENTRY_KINDS),
    amount: usdAmountSchema,
    caseId: z.string().optional(),
    reference: z.string().optional(),
    /** Contributing member state (contributions). */
    country: countryCodeSchema.optional(),
    actor: ledgerActorSchema.optional(),
    at: instantSchema,
  }))();
export type LedgerEntryShape = z.infer<typeof ledgerEntrySchema>;

/** `POST /api/funds/{fundId}/contributions` */
export const contributionRequestSchema = /* @__PURE__ */ (() =>
  closedObject({
    country: countryCodeSchema,
    amount: positiveUsdAmountSchema,
    /** The transfer's reference (bank or treasury), unique per fund: a retry cannot count twice. */
    reference: identifierSchema(100),
  }))();
export type ContributionRequest = z.infer<typeof contributionRequestSchema>;

export const fundListSchema = /* @__PURE__ */ (() => z.object({ items: z.array(fundSchema) }))();
export const ledgerPageSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(ledgerEntrySchema),
    nextCursor: z.string().optional(),
  }))();
export type LedgerPageShape = z.infer<typeof ledgerPageSchema>;
