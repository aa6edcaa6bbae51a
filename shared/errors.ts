/**
 * Named errors of the domain. State machines match these names in Retry/Catch, and the HTTP layer
 * maps them to status codes in one place (functions/http/error-mapping.ts). Domain code throws
 * them; it never speaks HTTP.
 */

/** One failing field: its path (`migrant.dateOfBirth`), the rule it broke, and a sentence. */
export interface FieldIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

export class ValidationError extends Error {
  override readonly name: string = 'ValidationError';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** No valid credentials: missing, malformed, expired or wrongly signed token. */
export class UnauthorizedError extends Error {
  override readonly name: string = 'UnauthorizedError';
}

/** Authenticated, but this role or person may not do this. */
export class ForbiddenError extends Error {
  override readonly name: string = 'ForbiddenError';
}

export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
}

/** The request clashes with the current state (already decided, too late, reused key...). */
export class ConflictError extends Error {
  override readonly name: string = 'ConflictError';
}

/** A request body in a format the API does not read: anything but `application/json`. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name: string = 'UnsupportedMediaTypeError';
}
