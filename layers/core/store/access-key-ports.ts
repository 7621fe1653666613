/** Where Tailor-issued access keys are kept; the DynamoDB adapter implements it. */
import type { KeyPolicy } from '../domain/callers';

export type AccessKeyStatus = 'Active' | 'Inactive';

/** What `list` shows: everything but the secret. */
export interface AccessKeySummary {
  accessKeyId: string;
  status: AccessKeyStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  description?: string;
  /**
   * The roles the key's holder may pass to jobs as a roleArn, `*` and `?` matching as in IAM
   * (keyCaller); none when absent.
   */
  roleArns?: string[];
  /** What the key may do (docs/auth.md#key-policies); everything when absent. */
  policy?: KeyPolicy;
}

export interface AccessKey extends AccessKeySummary {
  secretAccessKey: string;
}

export interface AccessKeyStore {
  /** Throws when the ID is taken, so a key is never silently replaced. */
  create(key: AccessKey): Promise<void>;
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  /** One key, its secret left out (so no decryption is needed to show it). */
  describe(accessKeyId: string): Promise<AccessKeySummary | undefined>;
  /** Every key, secrets left out. */
  list(): Promise<AccessKeySummary[]>;
  /** Returns false when there is no such key. */
  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  /** Replaces the key's policy; undefined removes it. Returns false when there is no such key. */
  setPolicy(accessKeyId: string, policy: KeyPolicy | undefined): Promise<boolean>;
}

/** Encrypts a key's secret for the store and decrypts it for the signature check. */
export interface SecretSealer {
  seal(secret: string, accessKeyId: string): Promise<string>;
  open(sealed: string, accessKeyId: string): Promise<string>;
}
