/**
 * TransactWriteItems with the two things every caller needs: a retry when DynamoDB cancels the
 * transaction only because another transaction touched the same item at the same time
 * (TransactionConflict), and the per-item cancellation codes when a condition fails, so callers can
 * tell "the entry already exists" from "not enough money".
 */
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backOff } from '../../backoff';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The transaction was cancelled for a reason other than a passing conflict: one code per item. */
export class TransactionCancelled extends Error {
  override readonly name = 'TransactionCancelled';
  constructor(readonly codes: readonly string[]) {
    super(`transaction cancelled: ${codes.join(', ')}`);
  }

  /** True when the condition of the item at `index` failed. */
  failedAt(index: number): boolean {
    return this.codes[index] === 'ConditionalCheckFailed';
  }
}

const RETRYABLE_ERRORS = new Set([
  'TransactionConflictException',
  'TransactionInProgressException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** True for errors that say "try again" rather than "no". */
export function isTransient(error: unknown): boolean {
  return error instanceof Error && RETRYABLE_ERRORS.has(error.name);
}

/**
 * Writes the items in one transaction. Retries (with jittered backoff) while the only reason for
 * cancellation is a conflict with a concurrent transaction; throws TransactionCancelled when a
 * condition failed.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  maxAttempts = 25,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflictOnly =
        codes !== undefined &&
        !codes.includes('ConditionalCheckFailed') &&
        codes.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError');
      if ((conflictOnly || isTransient(error)) && attempt < maxAttempts) {
        await backOff(attempt);
        continue;
      }
      if (codes) throw new TransactionCancelled(codes);
      throw error;
    }
  }
}

/** True for a ConditionalCheckFailedException of a single-item write. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Runs a single-item write, retrying only when it collided with a running transaction on the same
 * item (a plain write cannot proceed while a transaction holds the item).
 */
export async function withTransientRetry<T>(operation: () => Promise<T>, maxAttempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (isTransient(error) && attempt < maxAttempts) {
        await backOff(attempt);
        continue;
      }
      throw error;
    }
  }
}
