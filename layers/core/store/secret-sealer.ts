/**
 * Access-key secrets encrypted at rest, with a key kept outside the table: a KMS key in a
 * deployment, a key file in the local service's data dir (docs/auth.md). Envelope encryption by
 * the AWS Encryption SDK, the library AWS makes for exactly this: a fresh data key per secret,
 * wrapped by the key, and the access key ID bound in as encryption context, so a sealed secret
 * copied onto another key's item does not open.
 */
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type KeyringNode,
} from '@aws-crypto/client-node';
import type { SecretSealer } from './access-key-ports';

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
// Without a signature: only Tailor's own roles write the table, and verifying a request after a
// cache miss should cost one KMS call, not an ECDSA verification too.
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

class EncryptionSdkSealer implements SecretSealer {
  constructor(private readonly keyring: KeyringNode) {}

  async seal(secret: string, accessKeyId: string): Promise<string> {
    const { result } = await encrypt(this.keyring, secret, {
      suiteId: SUITE,
      encryptionContext: { accessKeyId },
    });
    return result.toString('base64');
  }

  async open(sealed: string, accessKeyId: string): Promise<string> {
    const { plaintext, messageHeader } = await decrypt(this.keyring, Buffer.from(sealed, 'base64'));
    if (messageHeader.encryptionContext.accessKeyId !== accessKeyId) {
      throw new Error(`The sealed secret of ${accessKeyId} was sealed for another key.`);
    }
    return plaintext.toString('utf8');
  }
}

/** Sealed with a KMS key: whoever may kms:Decrypt with it opens them, nobody else. */
export const kmsSealer = (keyArn: string): SecretSealer =>
  new EncryptionSdkSealer(new KmsKeyringNode({ generatorKeyId: keyArn }));

/** Sealed with a 256-bit key held outside the store (the local service's key file). */
export function localSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error(`The secrets key must be 32 bytes, got ${key.length}.`);
  return new EncryptionSdkSealer(
    new RawAesKeyringNode({
      keyNamespace: 'tailor',
      keyName: 'local-secrets-key',
      unencryptedMasterKey: new Uint8Array(key),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    }),
  );
}
