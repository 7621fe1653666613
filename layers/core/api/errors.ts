import { MODEL_ERRORS } from './model-errors';

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

/**
 * An exception of the control plane's model, with the status its model gives it (every one a 400
 * there). The events and runtime APIs answer some with another status, which http.ts takes from
 * the same table. Option (a) of issue 13: the statuses come from a table generated from the
 * models and checked against them by test/unit/api/model-conformance.test.ts, not copied by hand;
 * the core imports that small table, never the models themselves.
 */
const modelled = (name: keyof (typeof MODEL_ERRORS)['personalize']) =>
  kind(name, MODEL_ERRORS.personalize[name]);

export const InvalidInputException = modelled('InvalidInputException');
export const InvalidNextTokenException = modelled('InvalidNextTokenException');
export const ResourceNotFoundException = modelled('ResourceNotFoundException');
export const ResourceAlreadyExistsException = modelled('ResourceAlreadyExistsException');
export const ResourceInUseException = modelled('ResourceInUseException');
export const LimitExceededException = modelled('LimitExceededException');
export const TooManyTagsException = modelled('TooManyTagsException');
export const TooManyTagKeysException = modelled('TooManyTagKeysException');

// The rest are no model's: AWS's front door raises them for every service, with these statuses.
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
