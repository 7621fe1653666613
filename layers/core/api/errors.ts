/**
 * One class per exception the Personalize APIs put on the wire. `name` is the
 * wire `__type`, so the official clients raise their own typed exception.
 */
export class ServiceError extends Error {
  constructor(
    readonly name: string,
    message: string,
    readonly statusCode = 400,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const kind = (name: string, statusCode = 400) =>
  class extends ServiceError {
    constructor(message: string, options?: { cause?: unknown }) {
      super(name, message, statusCode, options);
    }
  };

export const InvalidInputException = kind('InvalidInputException');
export const InvalidNextTokenException = kind('InvalidNextTokenException');
export const ResourceNotFoundException = kind('ResourceNotFoundException');
export const ResourceAlreadyExistsException = kind('ResourceAlreadyExistsException');
export const ResourceInUseException = kind('ResourceInUseException');
export const LimitExceededException = kind('LimitExceededException');
export const TooManyTagsException = kind('TooManyTagsException');
export const TooManyTagKeysException = kind('TooManyTagKeysException');
/** AWS's common error for a caller whose policies refuse the call (here, iam:PassRole). */
export const AccessDeniedException = kind('AccessDeniedException');
/** Raised by the protocol layer, as AWS's front door does, before any operation runs. */
export const SerializationException = kind('SerializationException');
export const UnknownOperationException = kind('UnknownOperationException');
export const RequestEntityTooLargeException = kind('RequestEntityTooLargeException', 413);
export const NotFoundException = kind('NotFoundException', 404);
/** AWS's name for its own fault; thrown with a message only when it says what to repair. */
export const InternalFailure = kind('InternalFailure', 500);

/**
 * The signature check's refusals, named and worded as AWS's front door words them, so that
 * clients react as they do to AWS: the SDKs correct their clock on InvalidSignatureException.
 */
export const MissingAuthenticationTokenException = kind('MissingAuthenticationTokenException', 403);
export const IncompleteSignatureException = kind('IncompleteSignatureException');
export const UnrecognizedClientException = kind('UnrecognizedClientException', 403);
export const InvalidSignatureException = kind('InvalidSignatureException', 403);
