/** Where Tailor-issued access keys are kept; the DynamoDB adapter implements it. */

export type AccessKeyStatus = 'Active' | 'Inactive';

/** What `list` shows: everything but the secret. */
export interface AccessKeySummary {
  accessKeyId: string;
  status: AccessKeyStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  description?: string;
}

export interface AccessKey extends AccessKeySummary {
  secretAccessKey: string;
}

export interface AccessKeyStore {
  /** Throws when the ID is taken, so a key is never silently replaced. */
  create(key: AccessKey): Promise<void>;
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  /** Every key, secrets left out. */
  list(): Promise<AccessKeySummary[]>;
  /** Returns false when there is no such key. */
  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
}
