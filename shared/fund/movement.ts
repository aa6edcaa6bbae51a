/**
 * The five movements of the Reserve Fund and what each does to the balance, as data: the
 * DynamoDB adapter builds its update expressions from the same table the invariant checker
 * replays, so the two cannot disagree.
 */

export const MOVEMENT_TYPES = ['contribution', 'reservation', 'release', 'disbursement', 'reversal'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** The four buckets of a balance, in cents. capital = available + reserved + disbursed. */
export interface Buckets {
  readonly capitalCents: number;
  readonly availableCents: number;
  readonly reservedCents: number;
  readonly disbursedCents: number;
}

export type Bucket = keyof Buckets;

/** Signed multiplier of the amount on each bucket. */
export const MOVEMENT_EFFECTS: Readonly<Record<MovementType, Readonly<Partial<Record<Bucket, 1 | -1>>>>> = {
  contribution: { capitalCents: 1, availableCents: 1 },
  reservation: { availableCents: -1, reservedCents: 1 },
  release: { reservedCents: -1, availableCents: 1 },
  disbursement: { reservedCents: -1, disbursedCents: 1 },
  reversal: { disbursedCents: -1, availableCents: 1 },
};

/** State of a case's hold after each case movement, and the state that movement requires before. */
export type HoldState = 'reserved' | 'released' | 'disbursed' | 'reversed';

export const HOLD_TRANSITIONS: Readonly<
  Record<
    Exclude<MovementType, 'contribution'>,
    { readonly from: HoldState | undefined; readonly to: HoldState }
  >
> = {
  reservation: { from: undefined, to: 'reserved' },
  release: { from: 'reserved', to: 'released' },
  disbursement: { from: 'reserved', to: 'disbursed' },
  reversal: { from: 'disbursed', to: 'reversed' },
};

export const ZERO_BUCKETS: Buckets = {
  capitalCents: 0,
  availableCents: 0,
  reservedCents: 0,
  disbursedCents: 0,
};

/** Applies a movement to buckets (pure). */
export function applyEffect(buckets: Buckets, type: MovementType, amountCents: number): Buckets {
  const next: Record<Bucket, number> = { ...buckets };
  for (const [bucket, sign] of Object.entries(MOVEMENT_EFFECTS[type]) as [Bucket, 1 | -1][]) {
    next[bucket] += sign * amountCents;
  }
  return next;
}

/**
 * The deterministic key of a movement, from its cause: a retry of the same cause lands on the
 * same key, so the ledger's "entry must not exist" condition makes it apply once.
 */
export function movementKey(type: MovementType, cause: { caseId?: string; reference?: string }): string {
  const id = type === 'contribution' ? cause.reference : cause.caseId;
  if (!id) throw new RangeError(`a ${type} needs ${type === 'contribution' ? 'a reference' : 'a caseId'}`);
  return `${type}#${id}`;
}
