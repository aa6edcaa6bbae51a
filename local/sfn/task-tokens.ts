/**
 * Task tokens of `.waitForTaskToken` tasks: 256 random bits, opaque as AWS's are, so that no one
 * who can reach the runtime's port can make the token of a waiting task from what they know of
 * it (its execution and state). The execution notes each token it issues in the journal under
 * its task attempt (`<attemptKey>>token`) before the token leaves with the invocation, so a
 * restart resumes the same task with the same token; this index, rebuilt from those notes at
 * start, tells a malformed token (InvalidToken) from one never issued (TaskDoesNotExist) and
 * from one whose task is over (TaskTimedOut).
 */
import { randomBytes } from 'node:crypto';
import { SfnApiError } from './api-errors';

const PREFIX = 'sfnlocal2.';
const SHAPE = /^sfnlocal2\.[A-Za-z0-9_-]{43}$/;

/** A new token: the prefix and 32 random bytes, base64url. */
export function newTaskToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** The token as given, checked for shape; InvalidToken when it is not one this runtime could have made. */
export function checkTaskToken(token: unknown): string {
  if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
    throw new SfnApiError(
      'InvalidToken',
      'Invalid Token: the task token must be a string of 1 to 2048 characters',
    );
  }
  if (!SHAPE.test(token)) throw new SfnApiError('InvalidToken', `Invalid Token: '${token.slice(0, 64)}'`);
  return token;
}

/** What an issued token resumes. */
export interface IssuedToken {
  readonly executionArn: string;
  readonly attemptKey: string;
}

const TOKEN_NOTE = '>token';

/** The note key under which an execution keeps the token of one task attempt. */
export const tokenNoteKey = (attemptKey: string): string => `${attemptKey}${TOKEN_NOTE}`;

/** The attempt a token note belongs to, or undefined for any other note. */
export function attemptOfTokenNote(key: string): string | undefined {
  return key.endsWith(TOKEN_NOTE) ? key.slice(0, -TOKEN_NOTE.length) : undefined;
}

/** Every token issued, by token: what the runtime resumes when one is sent back. */
export class TaskTokenIndex {
  private readonly issued = new Map<string, IssuedToken>();

  remember(token: string, executionArn: string, attemptKey: string): void {
    this.issued.set(token, { executionArn, attemptKey });
  }

  lookup(token: string): IssuedToken | undefined {
    return this.issued.get(token);
  }
}
