/** `npm start` takes quotas from TAILOR_QUOTAS and `--quota` (docs/quotas.md). */
import {
  CreateDatasetGroupCommand,
  LimitExceededException,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { rm } from 'node:fs/promises';
import { makeDataDir, spawnLocal, startLocal } from '../helpers/process';

it('enforces the quotas in TAILOR_QUOTAS', async () => {
  const service = await startLocal({ env: { TAILOR_QUOTAS: 'datasetGroups=1' } });
  const personalize = new PersonalizeClient({
    endpoint: service.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    await personalize.send(new CreateDatasetGroupCommand({ name: 'only' }));

    const second = personalize.send(new CreateDatasetGroupCommand({ name: 'second' }));

    await expect(second).rejects.toThrow(LimitExceededException);
  } finally {
    personalize.destroy();
    await service.stop();
  }
});

it('exits with one stderr line naming an unknown --quota', async () => {
  const dataDir = await makeDataDir();
  try {
    const local = spawnLocal({ args: ['--quota', 'groups=5', '--data-dir', dataDir] });

    expect(await local.exited).toBe(1);
    const lines = local.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^--quota: "groups" is no quota; the quotas are datasetGroups, /);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
