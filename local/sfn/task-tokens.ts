/**
 * Task tokens of `.waitForTaskToken` tasks. A token names its execution and the task attempt it
 * belongs to, so that it stays the same when an execution is resumed after a restart and so
 * that SendTask* can tell a malformed token (InvalidToken) from an unknown one
 * (TaskDoesNotExist) and from one whose task is over (TaskTimedOut).
 */
import { SfnApiError } from './api-errors';

const PREFIX = 'sfnlocal1.';

/** The token of one attempt of one task of an execution. */
export function encodeTaskToken(executionArn: string, attemptKey: string): string {
  return PREFIX + Buffer.from(JSON.stringify([executionArn, attemptKey]), 'utf8').toString('base64url');
}

/** What a token names; InvalidToken when it is not a token this runtime made. */
export function decodeTaskToken(token: unknown): { executionArn: string; attemptKey: string } {
  if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
    throw new SfnApiError(
      'InvalidToken',
      'Invalid Token: the task token must be a string of 1 to 2048 characters',
    );
  }
  if (!token.startsWith(PREFIX))
    throw new SfnApiError('InvalidToken', `Invalid Token: '${token.slice(0, 64)}'`);
  try {
    const parsed = JSON.parse(
      Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'),
    ) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { executionArn: parsed[0], attemptKey: parsed[1] };
    }
  } catch {
    // falls through to InvalidToken
  }
  throw new SfnApiError('InvalidToken', `Invalid Token: '${token.slice(0, 64)}'`);
}
