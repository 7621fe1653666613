/**
 * Key policies over the local service in sigv4 mode (docs/auth.md#key-policies): keys issued with
 * `npm run keys`, then the official clients calling with them. Two dataset groups, a and b, each
 * with data, a trained version, a campaign, a filter, an event tracker and a batch job, as two
 * tenants of one Tailor would have them.
 */
import {
  CreateBatchInferenceJobCommand,
  CreateCampaignCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSolutionCommand,
  DeleteCampaignCommand,
  DeleteDatasetGroupCommand,
  DescribeBatchInferenceJobCommand,
  DescribeCampaignCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  ListBatchInferenceJobsCommand,
  ListCampaignsCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
  ListEventTrackersCommand,
  ListFiltersCommand,
  ListSchemasCommand,
  ListSolutionsCommand,
  ListSolutionVersionsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateCampaignCommand,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand, PutUsersCommand } from '@aws-sdk/client-personalize-events';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { putObject, ROLE_ARN } from '../helpers/import';
import { issueKey, keys, signedWith, type IssuedKey } from '../helpers/keys';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { recipeArn } from '../helpers/serving';
import { groupWithInteractions, trainSolution, twoTastesCsv } from '../helpers/training';

interface Tenant {
  name: string;
  group: string;
  datasetArn: string;
  importJobArn: string;
  solutionArn: string;
  versionArn: string;
  campaignArn: string;
  filterArn: string;
  eventTrackerArn: string;
  trackingId: string;
  batchJobArn: string;
}

type Clients = TestService & { destroy(): void };

let service: TestService;
let admin: Clients;
let a: Tenant;
let b: Tenant;

/** A group with everything a tenant makes in it, made with a key that may do everything. */
async function tenantResources(): Promise<Tenant> {
  const send = admin.personalize.send.bind(admin.personalize);
  const group = await groupWithInteractions(admin, twoTastesCsv());
  const name = group.slice(group.lastIndexOf('/') + 1);
  const { datasets } = await send(new ListDatasetsCommand({ datasetGroupArn: group }));
  const datasetArn = datasets![0]!.datasetArn!;
  const { datasetImportJobs } = await send(new ListDatasetImportJobsCommand({ datasetArn }));
  const { solutionArn, version } = await trainSolution(admin, {
    name: `${name}-popular`,
    datasetGroupArn: group,
    recipeArn: recipeArn('aws-popularity-count'),
  });
  if (version.status !== 'ACTIVE') throw new Error(`training failed: ${version.failureReason}`);
  const versionArn = version.solutionVersionArn!;
  const { campaignArn } = await send(
    new CreateCampaignCommand({ name: `${name}-campaign`, solutionVersionArn: versionArn }),
  );
  const { filterArn } = await send(
    new CreateFilterCommand({
      name: `${name}-unclicked`,
      datasetGroupArn: group,
      filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
    }),
  );
  const { eventTrackerArn, trackingId } = await send(
    new CreateEventTrackerCommand({ name: `${name}-tracker`, datasetGroupArn: group }),
  );
  await putObject(admin, 'batch-input', `${name}.jsonl`, '{"userId": "a-user-1"}\n');
  const { batchInferenceJobArn } = await send(
    new CreateBatchInferenceJobCommand({
      jobName: `${name}-batch`,
      solutionVersionArn: versionArn,
      jobInput: { s3DataSource: { path: `s3://batch-input/${name}.jsonl` } },
      jobOutput: { s3DataDestination: { path: `s3://batch-output/${name}/` } },
      roleArn: ROLE_ARN,
    }),
  );
  return {
    name,
    group,
    datasetArn,
    importJobArn: datasetImportJobs![0]!.datasetImportJobArn!,
    solutionArn: solutionArn,
    versionArn,
    campaignArn: campaignArn!,
    filterArn: filterArn!,
    eventTrackerArn: eventTrackerArn!,
    trackingId: trackingId!,
    batchJobArn: batchInferenceJobArn!,
  };
}

beforeAll(async () => {
  service = await startTestService(undefined, { auth: 'sigv4' });
  admin = signedWith(
    service,
    await issueKey(service.dataDir, '--role', 'arn:aws:iam::000000000000:role/*'),
  );
  [a, b] = await Promise.all([tenantResources(), tenantResources()]);
}, 240_000);
afterAll(async () => {
  admin.destroy();
  await service.stop();
});

/** The exception a call fails with; throws if it succeeds. */
async function failureOf(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('The call succeeded.');
}

const refusal = (key: IssuedKey, operation: string, resource: string) => ({
  name: 'AccessDeniedException',
  message: `User: ${key.accessKeyId} is not authorized to perform: personalize:${operation} on resource: ${resource}`,
});

describe('a browser key that may only GetRecommendations and PutEvents', () => {
  let key: IssuedKey;
  let browser: Clients;

  beforeAll(async () => {
    key = await issueKey(
      service.dataDir,
      '--description',
      'shop a website',
      '--action',
      'personalize:GetRecommendations',
      '--action',
      'personalize:PutEvents',
      '--dataset-group',
      a.group,
    );
    browser = signedWith(service, key);
  });
  afterAll(() => browser.destroy());

  it('gets recommendations and records events', async () => {
    // Act
    const { itemList } = await browser.runtime.send(
      new GetRecommendationsCommand({ campaignArn: a.campaignArn, userId: 'a-user-1' }),
    );
    const recorded = browser.events.send(
      new PutEventsCommand({
        trackingId: a.trackingId,
        sessionId: 'browser-session',
        userId: 'a-user-1',
        eventList: [{ eventType: 'click', itemId: 'a-item-1', sentAt: new Date() }],
      }),
    );

    // Assess
    expect(itemList!.length).toBeGreaterThan(0);
    await expect(recorded).resolves.toBeDefined();
  });

  it('is refused every other operation, whether or not the resource exists', async () => {
    // Act
    const failures = await Promise.all([
      failureOf(
        browser.personalize.send(new DescribeCampaignCommand({ campaignArn: a.campaignArn })),
      ),
      failureOf(
        browser.personalize.send(
          new DescribeCampaignCommand({ campaignArn: arnOf('campaign', 'no-such-campaign') }),
        ),
      ),
      failureOf(browser.personalize.send(new ListDatasetGroupsCommand({}))),
      failureOf(
        browser.personalize.send(new DeleteCampaignCommand({ campaignArn: a.campaignArn })),
      ),
      failureOf(
        browser.events.send(
          new PutUsersCommand({
            datasetArn: a.datasetArn,
            users: [{ userId: 'u1', properties: '{}' }],
          }),
        ),
      ),
    ]);

    // Assess
    expect(failures).toEqual([
      refusal(key, 'DescribeCampaign', a.campaignArn),
      refusal(key, 'DescribeCampaign', arnOf('campaign', 'no-such-campaign')),
      // As IAM names the resource of an action on no resource in particular.
      refusal(key, 'ListDatasetGroups', '*'),
      refusal(key, 'DeleteCampaign', a.campaignArn),
      refusal(key, 'PutUsers', a.datasetArn),
    ]);
  });

  it('reaches no other dataset group', async () => {
    await expect(
      browser.runtime.send(
        new GetRecommendationsCommand({ campaignArn: b.campaignArn, userId: 'b-user-1' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('a tenant key limited to its own dataset groups', () => {
  let key: IssuedKey;
  let tenant: Clients;

  beforeAll(async () => {
    key = await issueKey(
      service.dataDir,
      '--description',
      'tenant a',
      '--dataset-group',
      a.group,
      '--dataset-group',
      arnOf('dataset-group', 'tenant-a-*'),
    );
    tenant = signedWith(service, key);
  });
  afterAll(() => tenant.destroy());

  it('lists only its groups and their resources; schemas belong to the account', async () => {
    // Prepare
    const send = tenant.personalize.send.bind(tenant.personalize);

    // Act
    const [
      groups,
      datasets,
      imports,
      solutions,
      versions,
      campaigns,
      filters,
      trackers,
      jobs,
      schemas,
    ] = await Promise.all([
      send(new ListDatasetGroupsCommand({})),
      send(new ListDatasetsCommand({})),
      send(new ListDatasetImportJobsCommand({})),
      send(new ListSolutionsCommand({})),
      send(new ListSolutionVersionsCommand({})),
      send(new ListCampaignsCommand({})),
      send(new ListFiltersCommand({})),
      send(new ListEventTrackersCommand({})),
      send(new ListBatchInferenceJobsCommand({})),
      send(new ListSchemasCommand({})),
    ]);

    // Assess
    expect(groups.datasetGroups!.map((g) => g.datasetGroupArn)).toEqual([a.group]);
    expect(datasets.datasets!.map((d) => d.datasetArn)).toEqual([a.datasetArn]);
    expect(imports.datasetImportJobs!.map((j) => j.datasetImportJobArn)).toEqual([a.importJobArn]);
    expect(solutions.solutions!.map((s) => s.solutionArn)).toEqual([a.solutionArn]);
    expect(versions.solutionVersions!.map((v) => v.solutionVersionArn)).toEqual([a.versionArn]);
    expect(campaigns.campaigns!.map((c) => c.campaignArn)).toEqual([a.campaignArn]);
    expect(filters.Filters!.map((f) => f.filterArn)).toEqual([a.filterArn]);
    expect(trackers.eventTrackers!.map((t) => t.eventTrackerArn)).toEqual([a.eventTrackerArn]);
    expect(jobs.batchInferenceJobs!.map((j) => j.batchInferenceJobArn)).toEqual([a.batchJobArn]);
    expect(schemas.schemas!.map((s) => s.schemaArn)).toEqual(
      expect.arrayContaining([
        arnOf('schema', `${a.name}-interactions`),
        arnOf('schema', `${b.name}-interactions`),
      ]),
    );
  });

  it('reads and uses what is in its group', async () => {
    // Act
    const [group, solution, importJob, recommendations] = await Promise.all([
      tenant.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: a.group })),
      tenant.personalize.send(new DescribeSolutionCommand({ solutionArn: a.solutionArn })),
      tenant.personalize.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn: a.importJobArn }),
      ),
      tenant.runtime.send(
        new GetRecommendationsCommand({
          campaignArn: a.campaignArn,
          userId: 'a-user-1',
          filterArn: a.filterArn,
        }),
      ),
    ]);

    // Assess
    expect(group.datasetGroup!.datasetGroupArn).toBe(a.group);
    expect(solution.solution!.solutionArn).toBe(a.solutionArn);
    expect(importJob.datasetImportJob!.status).toBe('ACTIVE');
    expect(recommendations.itemList!.length).toBeGreaterThan(0);
  });

  it('is refused another group it names, existing or not, before anything is read', async () => {
    // Prepare
    const send = tenant.personalize.send.bind(tenant.personalize);
    const missing = arnOf('dataset-group', 'no-such-group');

    // Act
    const failures = await Promise.all([
      failureOf(send(new DescribeDatasetGroupCommand({ datasetGroupArn: b.group }))),
      failureOf(send(new DescribeDatasetGroupCommand({ datasetGroupArn: missing }))),
      failureOf(send(new ListSolutionsCommand({ datasetGroupArn: b.group }))),
      failureOf(
        send(
          new CreateSolutionCommand({
            name: 'intruder',
            datasetGroupArn: b.group,
            recipeArn: recipeArn('aws-popularity-count'),
          }),
        ),
      ),
      failureOf(send(new DeleteDatasetGroupCommand({ datasetGroupArn: b.group }))),
      failureOf(send(new ListTagsForResourceCommand({ resourceArn: b.group }))),
    ]);

    // Assess
    expect(failures).toEqual([
      refusal(key, 'DescribeDatasetGroup', b.group),
      refusal(key, 'DescribeDatasetGroup', missing),
      refusal(key, 'ListSolutions', b.group),
      refusal(key, 'CreateSolution', b.group),
      refusal(key, 'DeleteDatasetGroup', b.group),
      refusal(key, 'ListTagsForResource', b.group),
    ]);
  });

  it.each<[string, (arn: string) => Promise<unknown>, () => string, string]>([
    [
      'DescribeSolution',
      (arn) => tenant.personalize.send(new DescribeSolutionCommand({ solutionArn: arn })),
      () => b.solutionArn,
      arnOf('solution', 'no-such-solution'),
    ],
    [
      'DescribeCampaign',
      (arn) => tenant.personalize.send(new DescribeCampaignCommand({ campaignArn: arn })),
      () => b.campaignArn,
      arnOf('campaign', 'no-such-campaign'),
    ],
    [
      'DeleteCampaign',
      (arn) => tenant.personalize.send(new DeleteCampaignCommand({ campaignArn: arn })),
      () => b.campaignArn,
      arnOf('campaign', 'no-such-campaign'),
    ],
    [
      'DescribeFilter',
      (arn) => tenant.personalize.send(new DescribeFilterCommand({ filterArn: arn })),
      () => b.filterArn,
      arnOf('filter', 'no-such-filter'),
    ],
    [
      'DescribeEventTracker',
      (arn) => tenant.personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn: arn })),
      () => b.eventTrackerArn,
      arnOf('event-tracker', 'no-such-tracker'),
    ],
    [
      'DescribeDatasetImportJob (found by its dataset)',
      (arn) =>
        tenant.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn })),
      () => b.importJobArn,
      arnOf('dataset-import-job', 'no-such-job'),
    ],
    [
      'DescribeBatchInferenceJob (found by its solution version)',
      (arn) =>
        tenant.personalize.send(
          new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }),
        ),
      () => b.batchJobArn,
      arnOf('batch-inference-job', 'no-such-job'),
    ],
    [
      'CreateDatasetImportJob with a role the key may not pass',
      (arn) =>
        tenant.personalize.send(
          new CreateDatasetImportJobCommand({
            jobName: 'intruder-import',
            datasetArn: arn,
            dataSource: { dataLocation: 's3://batch-input/x.csv' },
            roleArn: ROLE_ARN,
          }),
        ),
      () => b.datasetArn,
      arnOf('dataset', 'no-such-group', 'INTERACTIONS'),
    ],
    [
      'CreateCampaign',
      (arn) =>
        tenant.personalize.send(
          new CreateCampaignCommand({ name: 'intruder-campaign', solutionVersionArn: arn }),
        ),
      () => b.versionArn,
      arnOf('solution', 'no-such-solution', 'aaaaaaaa'),
    ],
    [
      'UpdateCampaign to a version',
      (arn) =>
        tenant.personalize.send(
          new UpdateCampaignCommand({ campaignArn: a.campaignArn, solutionVersionArn: arn }),
        ),
      () => b.versionArn,
      arnOf('solution', 'no-such-solution', 'aaaaaaaa'),
    ],
    [
      'TagResource',
      (arn) =>
        tenant.personalize.send(
          new TagResourceCommand({ resourceArn: arn, tags: [{ tagKey: 'owner', tagValue: 'a' }] }),
        ),
      () => b.solutionArn,
      arnOf('solution', 'no-such-solution'),
    ],
    [
      'GetRecommendations',
      (arn) =>
        tenant.runtime.send(new GetRecommendationsCommand({ campaignArn: arn, userId: 'u1' })),
      () => b.campaignArn,
      arnOf('campaign', 'no-such-campaign'),
    ],
    [
      'GetRecommendations with a filter',
      (arn) =>
        tenant.runtime.send(
          new GetRecommendationsCommand({
            campaignArn: a.campaignArn,
            userId: 'u1',
            filterArn: arn,
          }),
        ),
      () => b.filterArn,
      arnOf('filter', 'no-such-filter'),
    ],
    [
      'PutEvents',
      (trackingId) =>
        tenant.events.send(
          new PutEventsCommand({
            trackingId,
            sessionId: 's1',
            eventList: [{ eventType: 'click', itemId: 'b-item-1', sentAt: new Date() }],
          }),
        ),
      () => b.trackingId,
      'no-such-tracking-id',
    ],
  ])(
    '%s: another group’s resource fails as a missing one does',
    async (_call, call, other, missing) => {
      // Act
      const [seen, absent] = await Promise.all([
        failureOf(call(other())),
        failureOf(call(missing)),
      ]);

      // Assess
      expect(absent.name).toBe('ResourceNotFoundException');
      expect(seen).toEqual({ ...absent, message: absent.message.replace(missing, other()) });
    },
  );

  it('leaves another group’s resources as they were', async () => {
    // Act
    await failureOf(
      tenant.personalize.send(new DeleteCampaignCommand({ campaignArn: b.campaignArn })),
    );

    // Assess
    const { campaign } = await admin.personalize.send(
      new DescribeCampaignCommand({ campaignArn: b.campaignArn }),
    );
    expect(campaign!.status).toBe('ACTIVE');
  });

  it('is refused by the S3 endpoint, which has no dataset groups to confine it to', async () => {
    await expect(
      tenant.s3.send(new ListObjectsV2Command({ Bucket: 'batch-input' })),
    ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
  });

  it('creates dataset groups only with a name its patterns allow', async () => {
    // Act
    const created = await tenant.personalize.send(
      new CreateDatasetGroupCommand({ name: 'tenant-a-second' }),
    );
    const refused = await failureOf(
      tenant.personalize.send(new CreateDatasetGroupCommand({ name: 'tenant-b-second' })),
    );

    // Assess
    expect(created.datasetGroupArn).toBe(arnOf('dataset-group', 'tenant-a-second'));
    expect(refused).toEqual(
      refusal(key, 'CreateDatasetGroup', arnOf('dataset-group', 'tenant-b-second')),
    );
  });
});

describe('a key’s policy, changed with npm run keys', () => {
  it('applies from the next request, and clear-policy gives full access again', async () => {
    // Prepare
    const key = await issueKey(service.dataDir, '--dataset-group', a.group);
    const holder = signedWith(service, key);
    const describeB = () =>
      holder.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: b.group }));

    // Act
    const before = await failureOf(describeB());
    await keys(service.dataDir, 'set-policy', key.accessKeyId, '--dataset-group', b.group);
    const afterSet = await describeB();
    const { stdout } = await keys(service.dataDir, 'show', key.accessKeyId);
    await keys(service.dataDir, 'clear-policy', key.accessKeyId);
    const { datasetGroups } = await holder.personalize.send(new ListDatasetGroupsCommand({}));
    holder.destroy();

    // Assess
    expect(before.name).toBe('AccessDeniedException');
    expect(afterSet.datasetGroup!.datasetGroupArn).toBe(b.group);
    expect(JSON.parse(stdout).AccessKey.Policy).toEqual({ DatasetGroups: [b.group] });
    expect(datasetGroups!.map((g) => g.datasetGroupArn)).toEqual(
      expect.arrayContaining([a.group, b.group]),
    );
  });

  it.each([
    [['--action', 'personalize:GetRecomendations'], 'matches no operation Tailor serves'],
    [['--action', 'GetRecommendations'], 'is not an action name'],
    [['--dataset-group', 'tenant-a'], 'is not a dataset group ARN pattern'],
  ])('is refused when invalid: %j', async (args, problem) => {
    await expect(keys(service.dataDir, 'issue', ...args)).rejects.toMatchObject({
      stderr: expect.stringContaining(problem),
    });
  });

  it('is refused from a file with a misspelt member, which would leave the key unlimited', async () => {
    // Prepare
    const file = join(service.dataDir, 'policy.json');
    await writeFile(file, JSON.stringify({ Action: ['personalize:GetRecommendations'] }));

    // Act, Assess
    await expect(keys(service.dataDir, 'issue', '--policy-file', file)).rejects.toMatchObject({
      stderr: expect.stringContaining('Unrecognized key: "Action"'),
    });
  });
});
