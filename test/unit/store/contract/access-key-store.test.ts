/**
 * AccessKeyStore's promises (store/access-key-ports.ts), held by every implementation alike: a
 * key is never replaced, its secret shows only through `get`, and status and policy change only
 * for a key that exists.
 */
import type { AccessKey } from '../../../../layers/core/store/access-key-ports';
import { eachImplementation, unique } from './implementations';

const keyOf = (fields: Partial<AccessKey> = {}): AccessKey => ({
  accessKeyId: unique('TKIA').toUpperCase(),
  secretAccessKey: 'secret/with+characters',
  status: 'Active',
  createdAt: 1_700_000_000_000,
  ...fields,
});

eachImplementation((stores) => {
  const store = () => stores().accessKeys;

  it('gives back a key with its secret, and describes and lists it without', async () => {
    // Prepare
    const key = keyOf({
      description: 'the web shop',
      roleArns: ['arn:aws:iam::000000000000:role/*'],
      policy: { actions: ['personalize:GetRecommendations'] },
    });

    // Act
    await store().create(key);

    // Assess
    const summary: Partial<AccessKey> = { ...key };
    delete summary.secretAccessKey;
    expect(await store().get(key.accessKeyId)).toEqual(key);
    expect(await store().describe(key.accessKeyId)).toEqual(summary);
    expect(await store().list()).toContainEqual(summary);
    expect(await store().get(unique('NONE'))).toBeUndefined();
    expect(await store().describe(unique('NONE'))).toBeUndefined();
  });

  it('leaves out the optional fields a key was created without', async () => {
    const key = keyOf();

    await store().create(key);

    expect(Object.keys((await store().describe(key.accessKeyId))!).sort()).toEqual(
      ['accessKeyId', 'createdAt', 'status'].sort(),
    );
  });

  it('never replaces a key, naming the ID that is taken', async () => {
    const key = keyOf();
    await store().create(key);

    await expect(store().create({ ...key, secretAccessKey: 'other' })).rejects.toThrow(
      `The access key ID ${key.accessKeyId} is taken.`,
    );
    expect((await store().get(key.accessKeyId))!.secretAccessKey).toBe(key.secretAccessKey);
  });

  it('changes the status and the policy of a key that exists, and of no other', async () => {
    const key = keyOf({ policy: { datasetGroups: ['arn:*'] } });
    await store().create(key);

    expect(await store().setStatus(key.accessKeyId, 'Inactive')).toBe(true);
    expect(await store().setPolicy(key.accessKeyId, { actions: ['personalize:PutEvents'] })).toBe(
      true,
    );
    expect((await store().describe(key.accessKeyId))!).toMatchObject({
      status: 'Inactive',
      policy: { actions: ['personalize:PutEvents'] },
    });
    expect(await store().setPolicy(key.accessKeyId, undefined)).toBe(true);
    expect((await store().describe(key.accessKeyId))!.policy).toBeUndefined();

    expect(await store().setStatus(unique('NONE'), 'Inactive')).toBe(false);
    expect(await store().setPolicy(unique('NONE'), undefined)).toBe(false);
    expect(await store().get(unique('NONE'))).toBeUndefined();
  });
});
