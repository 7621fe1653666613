/**
 * The exceptions each Personalize API's model declares, with the HTTP status each is answered
 * with. Generated from models/botocore by scripts/model-errors.ts: do not edit.
 *
 * A table, not the models themselves: the core reads no file at run time, and a Lambda bundle
 * that imported the models would carry some 300 kB of JSON for these few numbers.
 * test/unit/api/model-conformance.test.ts checks that the table is what the models say.
 */
export const MODEL_ERRORS = {
  personalize: {
    InvalidInputException: 400,
    InvalidNextTokenException: 400,
    LimitExceededException: 400,
    ResourceAlreadyExistsException: 400,
    ResourceInUseException: 400,
    ResourceNotFoundException: 400,
    TooManyTagKeysException: 400,
    TooManyTagsException: 400,
  },
  'personalize-events': {
    InvalidInputException: 400,
    ResourceInUseException: 409,
    ResourceNotFoundException: 404,
  },
  'personalize-runtime': {
    InvalidInputException: 400,
    ResourceNotFoundException: 404,
  },
} as const;
