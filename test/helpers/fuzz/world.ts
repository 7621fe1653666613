/**
 * The real resources a fuzz run aims at, made with the official clients as a user would: a
 * dataset group with all three datasets imported, an event tracker, filters, and trained
 * versions behind campaigns. Requests name them (and what the fuzzer creates on the way), so
 * they pass the existence checks and reach the code behind them.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionVersionCommand,
  ListRecipesCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Random } from '../../../layers/core/recipes/evaluation/random';
import {
  INTERACTIONS_SCHEMA,
  INTERACTIONS_SCHEMA_WIDER,
  ITEMS_SCHEMA,
  USERS_SCHEMA,
} from '../schemas';
import { twoTastesCsv } from '../training';
import { pick, type ValuePools } from './values';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const BUCKET = 'fuzz';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/fuzz';

export interface Clients {
  personalize: PersonalizeClient;
  events: PersonalizeEventsClient;
  runtime: PersonalizeRuntimeClient;
  s3: S3Client;
  destroy(): void;
}

/** The official clients for a running service, never retrying, so every answer is seen. */
export function officialClients(endpoint: string, s3Endpoint: string): Clients {
  const common = { endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
  const clients = {
    personalize: new PersonalizeClient(common),
    events: new PersonalizeEventsClient(common),
    runtime: new PersonalizeRuntimeClient(common),
    s3: new S3Client({ ...common, endpoint: s3Endpoint, forcePathStyle: true }),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

/** Operations whose success starts a job process: each costs a process, so a run has a budget. */
/** One campaign per kind of recipe: USER_PERSONALIZATION, PERSONALIZED_RANKING, RELATED_ITEMS. */
const CAMPAIGN_RECIPES = ['aws-popularity-count', 'aws-personalized-ranking', 'aws-sims'];

const JOB_OPERATIONS = new Set([
  'CreateDatasetImportJob',
  'CreateDatasetExportJob',
  'CreateDataDeletionJob',
  'CreateSolutionVersion',
  'CreateBatchInferenceJob',
]);

/** Operations that would spoil the world for the requests after them: they get scratch ARNs only. */
const spoils = (operation: string) =>
  /^(Delete|Update|Stop)/.test(operation) || operation === 'CreateDataDeletionJob';

const GENRES = ['a-taste', 'b-taste'];
const items = GENRES.flatMap((genre) =>
  Array.from({ length: 30 }, (_, i) => `${genre[0]}-item-${i}`),
);
const users = GENRES.flatMap((genre) =>
  Array.from({ length: 40 }, (_, i) => `${genre[0]}-user-${i}`),
);

/** Values that are right without any resource behind them. */
const CONSTANTS: Readonly<Record<string, readonly string[]>> = {
  userId: [...users, 'new-visitor'],
  itemId: items,
  inputList: items,
  impression: items,
  sessionId: ['session-1', 'session-2'],
  eventType: ['click', 'watch'],
  datasetType: ['Interactions', 'Items', 'Users'],
  roleArn: [ROLE_ARN],
  dataLocation: [`s3://${BUCKET}/interactions.csv`, `s3://${BUCKET}/items.csv`, `s3://${BUCKET}/`],
  path: [`s3://${BUCKET}/out/`, `s3://${BUCKET}/batch/users.jsonl`],
  schema: [INTERACTIONS_SCHEMA, INTERACTIONS_SCHEMA_WIDER, ITEMS_SCHEMA, USERS_SCHEMA],
  filterExpression: [
    'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
    'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)',
    'EXCLUDE ItemID WHERE Items.CREATION_TIMESTAMP > 0 | INCLUDE ItemID WHERE Items.GENRES IN ("a-taste")',
    'INCLUDE ItemID WHERE Users.AGE > 20',
  ],
  filterValuesKey: ['GENRE'],
  filterValuesValue: ['"a-taste"', '"a-taste","b-taste"'],
  'PutEvents.properties': ['{}', '{"device": "mobile"}', '{"device": "mobile|tablet"}'],
  'PutUsers.properties': ['{"age": 30}'],
  'PutItems.properties': ['{"genres": "a-taste|a-item-1", "creationTimestamp": 1700000000}'],
  metadataColumnsKey: ['ITEMS'],
  metadataColumnsValue: ['GENRES', 'CREATION_TIMESTAMP'],
  recommendationId: ['RID-fuzz'],
};

export interface World {
  /** Campaigns the world could not deploy, and why: the run reaches less of the runtime. */
  unavailable: string[];
  /** Requests' values for one operation: scratch ARNs only where the call would spoil the world. */
  poolsFor(operation: string, random: Random): ValuePools;
  /** Keeps the ARNs a successful call answered with, and counts the jobs started. */
  noteSuccess(operation: string, body: unknown): void;
  jobsStarted(): number;
}

/** Makes the world's resources; some 30 s, most of it the imports and training. */
export async function buildWorld(clients: Clients, options: { jobBudget: number }): Promise<World> {
  const { personalize } = clients;
  await uploadData(clients.s3);
  const { datasetGroupArn } = await personalize.send(
    new CreateDatasetGroupCommand({ name: 'fuzz-world' }),
  );
  const stable = new Map<string, string[]>(Object.entries(CONSTANTS).map(([k, v]) => [k, [...v]]));
  const keep = (member: string, value: string | undefined) => {
    if (!value) throw new Error(`building the fuzz world: no ${member} came back`);
    stable.set(member, [...(stable.get(member) ?? []), value]);
    return value;
  };
  keep('datasetGroupArn', datasetGroupArn);

  await Promise.all(
    (
      [
        ['Interactions', INTERACTIONS_SCHEMA_WIDER, 'interactions.csv', 'PutEvents'],
        ['Items', ITEMS_SCHEMA, 'items.csv', 'PutItems'],
        ['Users', USERS_SCHEMA, 'users.csv', 'PutUsers'],
      ] as const
    ).map(async ([type, schema, file, recorder]) => {
      const name = `fuzz-world-${type.toLowerCase()}`;
      const { schemaArn } = await personalize.send(new CreateSchemaCommand({ name, schema }));
      keep('schemaArn', schemaArn);
      const datasetArn = keep(
        'datasetArn',
        (
          await personalize.send(
            new CreateDatasetCommand({ name, schemaArn, datasetGroupArn, datasetType: type }),
          )
        ).datasetArn,
      );
      keep(`${recorder}.datasetArn`, datasetArn);
      const { datasetImportJobArn } = await personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: name,
          datasetArn,
          roleArn: ROLE_ARN,
          dataSource: { dataLocation: `s3://${BUCKET}/${file}` },
        }),
      );
      keep('datasetImportJobArn', datasetImportJobArn);
      await until(`import ${file}`, async () => {
        const { datasetImportJob } = await personalize.send(
          new DescribeDatasetImportJobCommand({ datasetImportJobArn }),
        );
        return settled(datasetImportJob?.status, datasetImportJob?.failureReason);
      });
    }),
  );
  const tracker = await personalize.send(
    new CreateEventTrackerCommand({ name: 'fuzz-world', datasetGroupArn }),
  );
  keep('eventTrackerArn', tracker.eventTrackerArn);
  keep('trackingId', tracker.trackingId);
  for (const [i, filterExpression] of CONSTANTS.filterExpression!.entries()) {
    const { filterArn } = await personalize.send(
      new CreateFilterCommand({ name: `fuzz-world-${i}`, datasetGroupArn, filterExpression }),
    );
    keep('filterArn', filterArn);
  }
  const deployed = await Promise.allSettled(
    CAMPAIGN_RECIPES.map(async (recipe) => {
      const { solutionArn } = await personalize.send(
        new CreateSolutionCommand({
          name: `fuzz-world-${recipe}`,
          datasetGroupArn,
          recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
        }),
      );
      keep('solutionArn', solutionArn);
      const { solutionVersionArn } = await personalize.send(
        new CreateSolutionVersionCommand({ solutionArn }),
      );
      keep('solutionVersionArn', solutionVersionArn);
      await until(`train ${recipe}`, async () => {
        const { solutionVersion } = await personalize.send(
          new DescribeSolutionVersionCommand({ solutionVersionArn }),
        );
        return settled(solutionVersion?.status, solutionVersion?.failureReason);
      });
      const { campaignArn } = await personalize.send(
        new CreateCampaignCommand({ name: `fuzz-world-${recipe}`, solutionVersionArn }),
      );
      keep('campaignArn', campaignArn);
      await until(`deploy ${recipe}`, async () => {
        const { campaign } = await personalize.send(new DescribeCampaignCommand({ campaignArn }));
        return settled(campaign?.status, campaign?.failureReason);
      });
    }),
  );
  // A recipe that cannot train or deploy narrows the runtime's paths; none at all is no world.
  const unavailable = deployed.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [`${CAMPAIGN_RECIPES[i]}: ${String(outcome.reason)}`] : [],
  );
  if (unavailable.length === CAMPAIGN_RECIPES.length) {
    throw new Error(`building the fuzz world: no campaign deployed: ${unavailable.join('; ')}`);
  }
  const { recipes } = await personalize.send(new ListRecipesCommand({}));
  for (const { recipeArn } of recipes ?? []) keep('recipeArn', recipeArn);

  return { ...worldOf(stable, options.jobBudget), unavailable };
}

function worldOf(
  stable: ReadonlyMap<string, string[]>,
  jobBudget: number,
): Omit<World, 'unavailable'> {
  const scratch = new Map<string, string[]>();
  let jobs = 0;
  let names = 0;
  const allArns = () =>
    [...stable.values(), ...scratch.values()]
      .flat()
      .filter((v) => v.startsWith('arn:aws:personalize'));
  /** `datasetGroupArn` → an ARN of a dataset group that does not exist. */
  const missing = (member: string) => [
    `arn:aws:personalize:us-east-1:000000000000:${member
      .replace(/Arn$/, '')
      .replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`)}/fuzz-gone`,
  ];
  return {
    poolsFor(operation, random) {
      const onlyScratch = spoils(operation);
      const noJobs = JOB_OPERATIONS.has(operation) && jobs >= jobBudget;
      return {
        real(member, shape) {
          const isArn = member.endsWith('Arn') && member !== 'roleArn';
          if (isArn && (noJobs || onlyScratch)) {
            const made = noJobs ? undefined : scratch.get(member);
            return made?.length ? made : missing(member);
          }
          if (member === 'resourceArn') return allArns();
          const made = scratch.get(member);
          const found =
            stable.get(`${operation}.${member}`) ?? stable.get(member) ?? stable.get(shape);
          return made?.length && (!found || random.next() < 0.3) ? made : found;
        },
        arns: () =>
          (onlyScratch ? [...scratch.values()].flat() : allArns()).concat(missing('dataset')),
        freshName: () => `fz-${(++names).toString(36)}-${pick(random, ['a', 'b', 'c'])}`,
      };
    },
    noteSuccess(operation, body) {
      if (JOB_OPERATIONS.has(operation)) jobs++;
      if (body === null || typeof body !== 'object') return;
      for (const [member, value] of Object.entries(body)) {
        if (
          typeof value === 'string' &&
          ((member.endsWith('Arn') && value.startsWith('arn:aws:personalize')) ||
            member === 'nextToken')
        ) {
          scratch.set(member, [...(scratch.get(member) ?? []), value]);
        }
      }
    },
    jobsStarted: () => jobs,
  };
}

async function uploadData(s3: S3Client): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const files: Record<string, string> = {
    'interactions.csv': twoTastesCsv(),
    'items.csv': `ITEM_ID,GENRES,CREATION_TIMESTAMP\n${items.map((id) => `${id},${id[0]}-taste|${id},1700000000`).join('\n')}\n`,
    'users.csv': `USER_ID,AGE\n${users.map((id, i) => `${id},${18 + (i % 50)}`).join('\n')}\n`,
    'batch/users.jsonl': `${users
      .slice(0, 5)
      .map((userId) => JSON.stringify({ userId }))
      .join('\n')}\n`,
  };
  for (const [Key, Body] of Object.entries(files)) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  }
}

/** true once a resource is ACTIVE; throws if it failed, so the world is never half made. */
function settled(status: string | undefined, reason: string | undefined): boolean {
  if (status === 'ACTIVE') return true;
  if (status?.includes('FAILED')) throw new Error(`building the fuzz world: ${status}: ${reason}`);
  return false;
}

async function until(
  what: string,
  done: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline)
      throw new Error(`building the fuzz world: ${what} took over ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, 200));
  }
}
