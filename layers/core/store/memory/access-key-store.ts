/**
 * Tailor-issued access keys in memory. Nothing here outlives the process, so the secret is kept
 * as it is, where the DynamoDB adapter keeps it only sealed; what each call returns is the
 * adapter's, field for field.
 */
import type { KeyPolicy } from '../../domain/callers';
import type {
  AccessKey,
  AccessKeyStatus,
  AccessKeyStore,
  AccessKeySummary,
} from '../access-key-ports';
import { compareKeys, storedCopy } from './stored';

/** Only the limits a policy has, as the adapter reads a stored policy back. */
const policyOf = ({ actions, datasetGroups }: KeyPolicy): KeyPolicy => ({
  ...(actions ? { actions: [...actions] } : {}),
  ...(datasetGroups ? { datasetGroups: [...datasetGroups] } : {}),
});

/** Whitelisted fields, as the adapter's summaryOf. */
const summaryOf = (key: AccessKey): AccessKeySummary => ({
  accessKeyId: key.accessKeyId,
  status: key.status,
  createdAt: key.createdAt,
  ...(key.description ? { description: key.description } : {}),
  ...(key.roleArns ? { roleArns: [...key.roleArns] } : {}),
  ...(key.policy ? { policy: policyOf(key.policy) } : {}),
});

export class MemoryAccessKeyStore implements AccessKeyStore {
  private readonly keys = new Map<string, AccessKey>();

  async create(key: AccessKey): Promise<void> {
    if (this.keys.has(key.accessKeyId)) {
      throw new Error(`The access key ID ${key.accessKeyId} is taken.`);
    }
    this.keys.set(key.accessKeyId, storedCopy(key));
  }

  async get(accessKeyId: string): Promise<AccessKey | undefined> {
    const key = this.keys.get(accessKeyId);
    return key && { ...summaryOf(key), secretAccessKey: key.secretAccessKey };
  }

  async describe(accessKeyId: string): Promise<AccessKeySummary | undefined> {
    const key = this.keys.get(accessKeyId);
    return key && summaryOf(key);
  }

  /** In key ID order (a DynamoDB scan promises none). */
  async list(): Promise<AccessKeySummary[]> {
    return [...this.keys.values()]
      .sort((a, b) => compareKeys(a.accessKeyId, b.accessKeyId))
      .map(summaryOf);
  }

  async setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean> {
    const key = this.keys.get(accessKeyId);
    if (!key) return false;
    this.keys.set(accessKeyId, { ...key, status });
    return true;
  }

  async setPolicy(accessKeyId: string, policy: KeyPolicy | undefined): Promise<boolean> {
    const key = this.keys.get(accessKeyId);
    if (!key) return false;
    const changed: AccessKey = { ...key };
    delete changed.policy;
    if (policy) changed.policy = storedCopy(policy);
    this.keys.set(accessKeyId, changed);
    return true;
  }
}
