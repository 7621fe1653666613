/** Builds the operations' Context on DynamoDB (and S3): the same wiring for Lambda and local. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from '../api/context';
import type { Place } from '../resources/arn';
import { DynamoDbMetadataStore } from './dynamodb/metadata-store';
import { METADATA_TABLE, tableName } from './tables';

export interface AwsContextConfig {
  place: Place;
  /** Prefix of every table and bucket name of this deployment. */
  prefix: string;
  tokenKey: string;
  dynamodb: DynamoDBClient;
}

export function createAwsContext(config: AwsContextConfig): Context {
  return {
    place: config.place,
    tokenKey: config.tokenKey,
    metadata: new DynamoDbMetadataStore(config.dynamodb, tableName(config.prefix, METADATA_TABLE)),
    now: () => Date.now(),
  };
}
