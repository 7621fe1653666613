/** MovieLens 100K imported as a user would, when ../shared/datasets is beside the repository. */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
} from '@aws-sdk/client-personalize';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  convertMovieLens100k,
  MOVIELENS_SCHEMAS,
  type MovieLensFiles,
} from '../../scripts/datasets/movielens-100k';
import { importCsv, putObject, storedData } from '../helpers/import';
import { startTestService, type TestService } from '../helpers/local-service';

const ML_100K = join(__dirname, '..', '..', '..', 'shared', 'datasets', 'ml-100k');
const present = existsSync(join(ML_100K, 'u.data'));
if (!present) {
  console.warn(`Skipping the MovieLens 100K import: ${ML_100K} is absent (see README).`);
}

(present ? describe : describe.skip)('MovieLens 100K', () => {
  let service: TestService;
  let files: MovieLensFiles;
  beforeAll(async () => {
    service = await startTestService();
    files = await convertMovieLens100k(ML_100K);
  });
  afterAll(() => service.stop());

  it('imports its ratings, movies and users', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'movielens' }),
    );
    const expected = { interactions: 100_000, items: 1682, users: 943 };
    for (const [name, type] of [
      ['interactions', 'Interactions'],
      ['items', 'Items'],
      ['users', 'Users'],
    ] as const) {
      const { schemaArn } = await service.personalize.send(
        new CreateSchemaCommand({ name: `ml-${name}`, schema: MOVIELENS_SCHEMAS[name] }),
      );
      const { datasetArn } = await service.personalize.send(
        new CreateDatasetCommand({
          name: `ml-${name}`,
          datasetGroupArn,
          schemaArn,
          datasetType: type,
        }),
      );
      await putObject(service, 'movielens', `${name}.csv`, files[name]);
      const job = await importCsv(service, datasetArn!, `ml-${name}`, `s3://movielens/${name}.csv`);
      expect(job).toMatchObject({ status: 'ACTIVE' });
      expect((await storedData(service, datasetArn!))!.rowCount).toBe(expected[name]);
    }
  });
});
