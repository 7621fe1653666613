/**
 * What each part of Tailor may do with the stores, as named action lists: the
 * calls its adapters make (layers/core/store/dynamodb, s3) and no more. Stores
 * grants these by intent (`grantReadModels`), never as hand-written statements.
 */

/** The metadata, events and dataset-records adapters' reads. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
] as const;

/** Their writes: conditional puts and updates, deletes, and batched writes. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** Emptying a dataset's records or a group's events: keys found by Query, deleted in batches. */
export const TABLE_PURGE_ACTIONS = ['dynamodb:Query', 'dynamodb:BatchWriteItem'] as const;

/** Changing an item in place: a job's status, and nothing created or deleted. */
export const TABLE_UPDATE_ACTIONS = ['dynamodb:UpdateItem'] as const;

/** The one call the SigV4 check makes: a key by its ID. */
export const ACCESS_KEY_LOOKUP_ACTIONS = ['dynamodb:GetItem'] as const;

/**
 * Reading objects; ListBucket too, so a missing key answers 404 rather than 403
 * and the adapter can tell "absent" from "forbidden".
 */
export const OBJECT_READ_ACTIONS = ['s3:GetObject'] as const;
export const BUCKET_LIST_ACTIONS = ['s3:ListBucket'] as const;

/** Writing objects, in one part or many. */
export const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'] as const;

export const OBJECT_DELETE_ACTIONS = ['s3:DeleteObject'] as const;

/**
 * A job acting as the role a request's roleArn names, in a session tagged with who asked
 * (layers/core/store/aws-environment.ts): TagSession is authorized with AssumeRole.
 */
export const ASSUME_ROLE_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'] as const;

/** The control plane's iam:PassRole check of an IAM caller (layers/core/store/iam/pass-role.ts). */
export const PASS_ROLE_CHECK_ACTIONS = ['iam:GetRole', 'iam:SimulatePrincipalPolicy'] as const;
