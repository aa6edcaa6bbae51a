/**
 * The one place where named errors become HTTP answers. Errors that already carry a `statusCode`
 * keep it; unknown errors become a 500 whose body says nothing internal.
 */
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../shared/errors';

/**
 * The domain's base classes, matched with instanceof: the bundles are minified, so constructor
 * names are mangled and a walk over class names alone misses subclasses (`MovementConflictError`
 * became a 500).
 */
const STATUS_BY_CLASS: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, number]> = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
];

const STATUS_BY_NAME: Readonly<Record<string, number>> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
};

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

/** Status of an error, walking up its class chain so `CaseNotFoundError extends NotFoundError` maps to 404. */
export function statusOf(error: unknown): number {
  if (!(error instanceof Error)) return 500;
  const explicit = (error as { statusCode?: unknown }).statusCode;
  if (typeof explicit === 'number') return explicit;
  for (const [type, status] of STATUS_BY_CLASS) if (error instanceof type) return status;
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const status = STATUS_BY_NAME[(proto.constructor as { name: string }).name];
    if (status) return status;
  }
  return STATUS_BY_NAME[error.name] ?? 500;
}

export function errorBody(error: unknown, status: number): ErrorBody {
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
