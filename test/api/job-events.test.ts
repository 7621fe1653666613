/**
 * Every job's end is announced (layers/core/jobs/job-events.ts). The local service has no event
 * bus: a job's process writes each announcement to its output, and the service writes those of
 * jobs whose process died, so both reach the service's log as one JSON line each.
 */
import { CreateDatasetCommand, CreateSchemaCommand } from '@aws-sdk/client-personalize';
import { JOB_EVENT_DETAIL_TYPE, type JobEnded } from '../../layers/core/store/job-events';
import { importCsv, interactionsCsv, putObject } from '../helpers/import';
import { createGroup, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';

let service: TestService;
let datasetArn: string;
beforeAll(async () => {
  service = await startTestService();
  const { schemaArn } = await service.personalize.send(
    new CreateSchemaCommand({ name: 'interactions', schema: INTERACTIONS_SCHEMA }),
  );
  ({ datasetArn } = (await service.personalize.send(
    new CreateDatasetCommand({
      name: 'announced',
      datasetGroupArn: await createGroup(service, 'announced'),
      datasetType: 'Interactions',
      schemaArn,
    }),
  )) as { datasetArn: string });
});
afterAll(() => service.stop());

/** The announcements in the service's log. */
const announced = (): JobEnded[] =>
  service.jobLog.flatMap((line) => {
    const at = line.indexOf(`${JOB_EVENT_DETAIL_TYPE} `);
    return at < 0 ? [] : [JSON.parse(line.slice(at + JOB_EVENT_DETAIL_TYPE.length + 1))];
  });

it('announces an import that ends ACTIVE', async () => {
  await putObject(service, 'announced', 'ok.csv', interactionsCsv(100));

  const job = await importCsv(service, datasetArn, 'ok', 's3://announced/ok.csv');

  expect(announced()).toContainEqual({
    kind: 'dataset-import',
    resourceArn: job.datasetImportJobArn,
    status: 'ACTIVE',
  });
});

it('announces an import that ends CREATE FAILED, with the reason DescribeDatasetImportJob gives', async () => {
  const job = await importCsv(service, datasetArn, 'missing', 's3://announced/missing.csv');

  expect(job.status).toBe('CREATE FAILED');
  expect(announced()).toContainEqual({
    kind: 'dataset-import',
    resourceArn: job.datasetImportJobArn,
    status: 'CREATE FAILED',
    failureReason: job.failureReason,
  });
});
