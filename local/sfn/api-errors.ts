/**
 * Errors of the Step Functions API, named as AWS names them. The server answers each as HTTP 400
 * with `{"__type": code, "message": ...}`, which `@aws-sdk/client-sfn` turns into its own
 * exception classes of the same name.
 */

/** The exception names the local runtime answers with (a subset of the Step Functions API's). */
export type SfnErrorCode =
  | 'StateMachineDoesNotExist'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDeleting'
  | 'ExecutionDoesNotExist'
  | 'ExecutionAlreadyExists'
  | 'ExecutionNotRedrivable'
  | 'InvalidDefinition'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidToken'
  | 'InvalidExecutionInput'
  | 'InvalidOutput'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'InternalFailure';

/** An API call refused with one of AWS's exception names. */
export class SfnApiError extends Error {
  override readonly name = 'SfnApiError';
  constructor(
    readonly code: SfnErrorCode,
    message: string,
    /** HTTP status: AWS answers client errors with 400 (403 for a refused signature) and its own failures with 500. */
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
