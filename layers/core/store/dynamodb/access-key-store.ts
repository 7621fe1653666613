import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type UpdateItemCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  AccessKey,
  AccessKeyStatus,
  AccessKeyStore,
  AccessKeySummary,
  SecretSealer,
} from '../access-key-ports';
import type { KeyPolicy } from '../../domain/callers';

/** Everything but the sealed secret. */
const SUMMARY_ATTRIBUTES = 'accessKeyId, #status, createdAt, description, roleArns, policy';

/**
 * One item per key in the AccessKeys table (ACCESS_KEYS_TABLE), keyed by its ID; the secret
 * only sealed (secret-sealer.ts), so the table and its backups never hold it in clear.
 */
export class DynamoDbAccessKeyStore implements AccessKeyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly sealer: SecretSealer,
  ) {}

  async create(key: AccessKey): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(
            {
              accessKeyId: key.accessKeyId,
              sealedSecret: await this.sealer.seal(key.secretAccessKey, key.accessKeyId),
              status: key.status,
              createdAt: key.createdAt,
              description: key.description,
              roleArns: key.roleArns,
              policy: key.policy,
            },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'attribute_not_exists(accessKeyId)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new Error(`The access key ID ${key.accessKeyId} is taken.`, { cause: error });
      }
      throw error;
    }
  }

  async get(accessKeyId: string): Promise<AccessKey | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ accessKeyId }),
        // A key issued a moment ago must work at once.
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const sealed = unmarshall(Item).sealedSecret as string;
    return { ...summaryOf(Item), secretAccessKey: await this.sealer.open(sealed, accessKeyId) };
  }

  async describe(accessKeyId: string): Promise<AccessKeySummary | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ accessKeyId }),
        ConsistentRead: true,
        ProjectionExpression: SUMMARY_ATTRIBUTES,
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    return Item ? summaryOf(Item) : undefined;
  }

  async list(): Promise<AccessKeySummary[]> {
    const keys: AccessKeySummary[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          // Secrets never leave the table for a listing.
          ProjectionExpression: SUMMARY_ATTRIBUTES,
          ExpressionAttributeNames: { '#status': 'status' },
          ExclusiveStartKey: startKey,
        }),
      );
      keys.push(...(page.Items ?? []).map(summaryOf));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return keys;
  }

  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean> {
    return this.updateExisting(accessKeyId, {
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':status': status }),
    });
  }

  setPolicy(accessKeyId: string, policy: KeyPolicy | undefined): Promise<boolean> {
    return this.updateExisting(
      accessKeyId,
      policy
        ? {
            UpdateExpression: 'SET policy = :policy',
            ExpressionAttributeValues: marshall(
              { ':policy': policy },
              { removeUndefinedValues: true },
            ),
          }
        : { UpdateExpression: 'REMOVE policy' },
    );
  }

  /** False when there is no such key: an update never creates one. */
  private async updateExisting(
    accessKeyId: string,
    update: Pick<
      UpdateItemCommandInput,
      'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ accessKeyId }),
          ConditionExpression: 'attribute_exists(accessKeyId)',
          ...update,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** Whitelisted fields: whatever else an item holds stays in the table. */
function summaryOf(item: Record<string, AttributeValue>): AccessKeySummary {
  const { accessKeyId, status, createdAt, description, roleArns, policy } = unmarshall(item);
  return {
    accessKeyId: accessKeyId as string,
    status: status as AccessKeyStatus,
    createdAt: createdAt as number,
    ...(description ? { description: description as string } : {}),
    ...(roleArns ? { roleArns: roleArns as string[] } : {}),
    ...(policy ? { policy: policyOf(policy as KeyPolicy) } : {}),
  };
}

/** Only the limits a policy has: a stored map holds nothing else that could widen or narrow it. */
const policyOf = ({ actions, datasetGroups }: KeyPolicy): KeyPolicy => ({
  ...(actions ? { actions } : {}),
  ...(datasetGroups ? { datasetGroups } : {}),
});
