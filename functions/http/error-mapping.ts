/**
 * The one place where errors become HTTP answers. A named error of the domain answers the status
 * of the base class it extends (`CaseNotFoundError extends NotFoundError` is a 404) with its name,
 * message and field issues; an error that carries its own `statusCode` (middy's convention) keeps
 * it; anything else is a 500 whose body says nothing internal.
 */
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/errors';

// Matched with instanceof, which sees subclasses; the build keeps class names (scripts/build.ts
// keepNames), so the `error` field of an answer is the class's own name.
const STATUS_BY_CLASS: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, number]> = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnsupportedMediaTypeError, 415],
];

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

/** An error as the API answers it. */
export interface ErrorAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The status an error answers: its own `statusCode`, its base class's, or 500. */
export function statusOf(error: unknown): number {
  if (!(error instanceof Error)) return 500;
  const explicit = (error as { statusCode?: unknown }).statusCode;
  if (typeof explicit === 'number') return explicit;
  return STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1] ?? 500;
}

function errorBody(error: unknown, status: number): ErrorBody {
  if (status >= 500 || !(error instanceof Error)) {
    return {
      error: 'InternalError',
      message: 'something went wrong on our side; the request changed nothing it should not have',
    };
  }
  const issues = (error as { issues?: readonly FieldIssue[] }).issues;
  return issues && issues.length > 0
    ? { error: error.name, message: error.message, issues }
    : { error: error.name, message: error.message };
}

/** The HTTP answer for an error: its status and a JSON body of name, message and field issues. */
export function errorAnswer(error: unknown): ErrorAnswer {
  const status = statusOf(error);
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(errorBody(error, status)),
  };
}
