/**
 * The RCM Reserve Fund and its ledger, as the API shows them, and the contribution body.
 * Invariant kept by the ledger: capital = available + reserved + disbursed.
 */
import { z } from 'zod';
import { actorSchema } from './case';
import { closedObject } from './closed-object';
import { countryCodeSchema } from './country';
import { instantSchema } from './dates';
import { positiveUsdAmountSchema, usdAmountSchema } from './money';
import { NOTES_MAX, textSchema } from './text';

/** The default fund's id. */
export const DEFAULT_FUND_ID = 'rcm-reserve';

export const balanceSchema = z.object({
  capital: usdAmountSchema,
  available: usdAmountSchema,
  reserved: usdAmountSchema,
  disbursed: usdAmountSchema,
});
export type Balance = z.infer<typeof balanceSchema>;

export const fundSchema = balanceSchema.extend({
  fundId: z.string().meta({ example: DEFAULT_FUND_ID }),
  name: z.string(),
  currency: z.literal('USD'),
  /** Most a single case may ask for. */
  perCaseCeiling: usdAmountSchema,
  updatedAt: instantSchema,
});
export type Fund = z.infer<typeof fundSchema>;

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

export const ledgerEntrySchema = z.object({
  fundId: z.string(),
  entryId: z.string(),
  kind: z.enum(LEDGER_ENTRY_KINDS),
  amount: usdAmountSchema,
  at: instantSchema,
  caseId: z.string().optional(),
  /** Contributing country (contributions). */
  country: countryCodeSchema.optional(),
  reference: z.string().optional(),
  by: actorSchema.optional(),
  /** The fund's balance right after this movement. */
  balanceAfter: balanceSchema,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** `POST /api/funds/{fundId}/contributions` */
export const contributionRequestSchema = closedObject({
  country: countryCodeSchema,
  amount: positiveUsdAmountSchema,
  /** The transfer's reference (bank or treasury), unique per fund: a retry cannot count twice. */
  reference: textSchema(100),
  note: textSchema(NOTES_MAX).optional(),
});
export type ContributionRequest = z.infer<typeof contributionRequestSchema>;

export const fundListSchema = z.object({ items: z.array(fundSchema) });
export const ledgerPageSchema = z.object({
  items: z.array(ledgerEntrySchema),
  nextCursor: z.string().optional(),
});
