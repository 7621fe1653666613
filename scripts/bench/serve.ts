/**
 * Serving latency of aws-user-personalization (iALS, 64 factors):
 *
 * 1. In process, for generated catalogues of 10,000 and 100,000 items: the list a
 *    GetRecommendations of 25 items builds once its events are read (serving/recommend.ts on a
 *    model trained by the recipe and decoded from its artifact as the runtime loads it): for a
 *    user the model learned, for a new user folded in from 10 events, and for the learned user
 *    with an Items filter applied over the whole catalogue (filters/evaluate.ts's filterMask).
 * 2. Through the local service's HTTP endpoint (`npm start` in a process of its own, as a user
 *    runs it), at 10,000 items: 16 concurrent clients ask for 25 items for random training
 *    users; requests/s, p50, p99, and the service's CPU time per request. First for a group
 *    without an event tracker (no event reads), then with one, when a user's first request
 *    Queries their latest events in the service's in-process dynalite and later ones find them
 *    kept in memory (serving/recent-events.ts): that first pass over the users is shown on its
 *    own, and the runs after it are steady state. Each way twice: with the
 *    official runtime client, whose own CPU cost (SigV4, middleware) competes for this
 *    machine's cores, and with a bare keep-alive HTTP client posting the same JSON.
 *
 *   npm run bench -- serve [--seconds 10] [--clients 16] [--skip-http]
 *
 * Targets (issue 5): in process p99 < 2 ms at 10,000 items and < 15 ms at 100,000; over HTTP
 * at least 1,000 requests/s with p99 < 20 ms at 10,000 items.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionVersionCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
} from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { startLocal } from '../../test/helpers/process';
import { parseSchema } from '../../layers/core/data/avro-schema';
import { createRandom } from '../../layers/core/recipes/evaluation/random';
import { filterMask, type FilterData } from '../../layers/core/filters/evaluate';
import { parseFilterExpression } from '../../layers/core/filters/parser';
import { bindFilter, parseFilterValues } from '../../layers/core/filters/values';
import { recipeByName } from '../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../layers/core/recipes/hyperparameters';
import { recipeImplementation } from '../../layers/core/recipes/registry';
import { prepareModel, type ServedModel } from '../../layers/core/serving/models';
import { bestItems, userScores } from '../../layers/core/serving/recommend';
import type { RecordedEvent } from '../../layers/core/store/event-ports';
import { InteractionsBuilder } from '../../layers/core/training/training-data';
import { avroRecord, INTERACTIONS_SCHEMA } from '../../test/helpers/schemas';

const RECIPE = 'aws-user-personalization';
const NUM_RESULTS = 25;
const INTERACTIONS_PER_USER = 20;
const GENRES = 10;
const TARGETS = { 10_000: 2, 100_000: 15 } as const;
const HTTP_ITEMS = 10_000;
const TARGET_RPS = 1000;
const TARGET_HTTP_P99_MS = 20;
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const T0 = 1_700_000_000;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString());

interface Measured {
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      clients: { type: 'string' },
      'skip-http': { type: 'boolean' },
    },
  });
  const rows: string[][] = [];
  for (const items of [10_000, 100_000] as const) {
    const served = await trainedModel(items);
    const results = inProcess(served, items);
    for (const [what, measured] of Object.entries(results)) {
      rows.push([
        `in process, ${items.toLocaleString('en')} items, ${what}`,
        '',
        measured.p50.toFixed(2),
        measured.p99.toFixed(2),
        `p99 < ${TARGETS[items]} ms: ${measured.p99 < TARGETS[items] ? 'met' : 'NOT met'}`,
      ]);
    }
  }
  if (!values['skip-http']) {
    const clients = Number(values.clients ?? 16);
    for (const run of await overHttp(clients, Number(values.seconds ?? 10))) {
      const met = run.rps >= TARGET_RPS && run.p99 < TARGET_HTTP_P99_MS && run.failed === 0;
      rows.push([
        `HTTP, ${HTTP_ITEMS.toLocaleString('en')} items, ${clients} ${run.label}${run.failed ? `, ${run.failed} failed` : ''}; service CPU ${run.cpuMs.toFixed(2)} ms/request`,
        run.rps.toFixed(0),
        run.p50.toFixed(2),
        run.p99.toFixed(2),
        run.target
          ? `>= ${TARGET_RPS} req/s, p99 < ${TARGET_HTTP_P99_MS} ms: ${met ? 'met' : 'NOT met'}`
          : '(first requests, shown apart)',
      ]);
    }
  }
  printTable(['case', 'req/s', 'p50 ms', 'p99 ms', 'target'], rows);
}

/**
 * `items` items, `items / 2` users of 20 interactions each: every item once in turn (so the
 * catalogue is whole), the rest skewed toward popular items by squaring a uniform draw.
 */
function generated(items: number): InteractionsBuilder {
  const random = createRandom(items);
  const builder = new InteractionsBuilder();
  const users = items / 2;
  let next = 0;
  for (let u = 0; u < users; u++) {
    for (let k = 0; k < INTERACTIONS_PER_USER; k++) {
      const item = k < 2 ? next++ % items : Math.floor(random.next() ** 2 * items);
      builder.add(`user-${u}`, `item-${item}`, 1, T0 + u * INTERACTIONS_PER_USER + k);
    }
  }
  return builder;
}

/** Trained by the recipe (few iterations: latency does not depend on them), then decoded. */
async function trainedModel(items: number): Promise<ServedModel> {
  const spec = recipeByName(RECIPE)!;
  const builder = generated(items);
  const started = performance.now();
  const model = await recipeImplementation(RECIPE).train(
    builder.build(),
    // iALS, whose learned and folded-in users are the rows below; 'auto' might choose EASE.
    resolveHyperParameters(spec, { num_iterations: '3', algorithm: 'ials' }),
    { seed: 1, threads: availableParallelism(), log: () => undefined },
  );
  console.log(`${items} items: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return prepareModel(model.encode(), {
    versionArn: `arn:aws:personalize:${REGION}:000000000000:solution/bench/${items}`,
    datasetGroupArn: `arn:aws:personalize:${REGION}:000000000000:dataset-group/bench`,
    recipe: spec,
    solutionConfig: {},
    trainedUntil: Date.now(),
  });
}

function inProcess(served: ServedModel, items: number): Record<string, Measured> {
  const requests = items >= 100_000 ? 400 : 3000;
  const random = createRandom(7);
  const users = items / 2;
  const knownUser = () => `user-${random.int(users)}`;
  const recent = Date.now() + 1000;
  const newcomerEvents = (): RecordedEvent[] =>
    Array.from({ length: 10 }, (_, e) => ({
      datasetGroupArn: served.datasetGroupArn,
      eventId: `e${e}`,
      eventType: 'click',
      sessionId: 'bench',
      itemId: `item-${random.int(items)}`,
      timestamp: recent - e * 1000,
      recordedAt: recent - e * 1000,
      properties: {},
    }));

  // A genre per catalogue item, and a filter dropping one genre, as filterValues pick it.
  const genre = served.model.itemIds.map((id) => [`g${Number(id.slice('item-'.length)) % GENRES}`]);
  const parsed = parseFilterExpression('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRES)', {
    items: parseSchema(
      avroRecord('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'GENRE', type: 'string', categorical: true },
      ]),
    ),
  });
  const data: FilterData = {
    itemIds: served.model.itemIds,
    indexOf: (itemId) => served.itemIndex.get(itemId) ?? -1,
    itemField: (field) => (field === 'GENRE' ? (item) => genre[item] : undefined),
    interactions: () => [],
    userField: () => undefined,
  };

  return {
    'learned user': time(requests, () =>
      bestItems(served, userScores(served, knownUser(), []).scores, NUM_RESULTS, true),
    ),
    'new user, 10 events': time(requests, () =>
      bestItems(served, userScores(served, 'newcomer', newcomerEvents()).scores, NUM_RESULTS, true),
    ),
    'learned user, Items filter': time(requests, () => {
      const bound = bindFilter(parsed, parseFilterValues({ GENRES: `"g${random.int(GENRES)}"` }));
      const mask = filterMask(bound, data);
      const scores = userScores(served, knownUser(), []).scores;
      for (let i = 0; i < mask.length; i++) if (!mask[i]) scores[i] = -Infinity;
      return bestItems(served, scores, NUM_RESULTS, true);
    }),
  };
}

/** Latencies of `requests` calls after a tenth as many to warm up, in milliseconds. */
function time(requests: number, call: () => unknown): Measured {
  for (let r = 0; r < requests / 10; r++) call();
  const latencies = new Float64Array(requests);
  for (let r = 0; r < requests; r++) {
    const started = performance.now();
    call();
    latencies[r] = performance.now() - started;
  }
  return percentiles(latencies);
}

function percentiles(latencies: Float64Array): Measured {
  const sorted = latencies.slice().sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

interface HttpRun extends Measured {
  label: string;
  rps: number;
  failed: number;
  /** The service process's CPU time (user + system) per request answered. */
  cpuMs: number;
  /** Whether the issue's target applies: to steady state, not to each user's first request. */
  target: boolean;
}

async function overHttp(clients: number, seconds: number): Promise<HttpRun[]> {
  const service = await startLocal();
  const { child, endpoint, s3Endpoint } = service;
  try {
    const { campaignArn, datasetGroupArn } = await deployCampaign(endpoint, s3Endpoint);
    const runs: HttpRun[] = [];
    for (const tracker of [false, true]) {
      if (tracker) {
        const control = new PersonalizeClient({
          endpoint,
          region: REGION,
          credentials: CREDENTIALS,
        });
        await control.send(new CreateEventTrackerCommand({ name: 'bench', datasetGroupArn }));
        control.destroy();
      }
      const events = tracker ? 'an event tracker' : 'no event tracker';
      if (tracker) {
        const run = await firstRequests(child.pid!, httpSender(endpoint, campaignArn), clients);
        runs.push({ ...run, label: `bare HTTP clients, each user's first request`, target: false });
      }
      for (const [client, send] of [
        ['SDK clients', sdkSender],
        ['bare HTTP clients', httpSender],
      ] as const) {
        const run = await load(child.pid!, send(endpoint, campaignArn), clients, seconds);
        runs.push({ ...run, label: `${client}, ${events}`, target: true });
      }
    }
    return runs;
  } finally {
    await service.stop();
  }
}

/** The CSV of the generated 10,000-item data, imported and trained as a user would. */
async function deployCampaign(
  endpoint: string,
  s3Endpoint: string,
): Promise<{ campaignArn: string; datasetGroupArn: string }> {
  const control = new PersonalizeClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const s3 = new S3Client({
    endpoint: s3Endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    const { datasetGroupArn } = await control.send(
      new CreateDatasetGroupCommand({ name: 'bench' }),
    );
    const { schemaArn } = await control.send(
      new CreateSchemaCommand({ name: 'bench-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetArn } = await control.send(
      new CreateDatasetCommand({
        name: 'bench-interactions',
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'bench', Key: 'interactions.csv', Body: csv(HTTP_ITEMS) }),
    );
    const { datasetImportJobArn } = await control.send(
      new CreateDatasetImportJobCommand({
        jobName: 'bench',
        datasetArn,
        dataSource: { dataLocation: 's3://bench/interactions.csv' },
        roleArn: 'arn:aws:iam::000000000000:role/bench',
      }),
    );
    await until(async () => {
      const { datasetImportJob } = await control.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn }),
      );
      return settled(datasetImportJob!.status!, datasetImportJob!.failureReason);
    });
    const { solutionArn } = await control.send(
      new CreateSolutionCommand({
        name: 'bench',
        datasetGroupArn,
        recipeArn: `arn:aws:personalize:::recipe/${RECIPE}`,
      }),
    );
    const { solutionVersionArn } = await control.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    await until(async () => {
      const { solutionVersion } = await control.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn }),
      );
      return settled(solutionVersion!.status!, solutionVersion!.failureReason);
    });
    const { campaignArn } = await control.send(
      new CreateCampaignCommand({ name: 'bench', solutionVersionArn }),
    );
    return { campaignArn: campaignArn!, datasetGroupArn: datasetGroupArn! };
  } finally {
    control.destroy();
    s3.destroy();
  }
}

function csv(items: number): string {
  const data = generated(items).build();
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  for (let u = 0; u < data.userIds.length; u++) {
    for (let e = data.userStart[u]; e < data.userStart[u + 1]; e++) {
      lines.push(`${data.userIds[u]},${data.itemIds[data.item[e]]},${data.time[e]},click,`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const settled = (status: string, reason?: string): boolean => {
  if (status === 'CREATE FAILED') throw new Error(`a setup job failed: ${reason}`);
  return status === 'ACTIVE';
};

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 250));
}

/** One client's way of asking for `userId`'s recommendations; `close` ends it. */
type Sender = () => { send(userId: string): Promise<unknown>; close(): void };

const sdkSender =
  (endpoint: string, campaignArn: string): Sender =>
  () => {
    const runtime = new PersonalizeRuntimeClient({
      endpoint,
      region: REGION,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    return {
      send: (userId) =>
        runtime.send(
          new GetRecommendationsCommand({ campaignArn, userId, numResults: NUM_RESULTS }),
        ),
      close: () => runtime.destroy(),
    };
  };

/** The request the SDK sends (the service checks no signature), over one kept-alive socket. */
const httpSender =
  (endpoint: string, campaignArn: string): Sender =>
  () => {
    const url = new URL(endpoint);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (userId: string) =>
      new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({ campaignArn, userId, numResults: NUM_RESULTS });
        const call = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/recommendations',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              response.statusCode === 200
                ? resolve()
                : reject(new Error(`HTTP ${response.statusCode}`)),
            );
          },
        );
        call.on('error', reject);
        call.end(body);
      });
    return { send, close: () => agent.destroy() };
  };

/** Each client sends its next request as soon as the last is answered, until time is up. */
async function load(
  servicePid: number,
  sender: Sender,
  clients: number,
  seconds: number,
): Promise<Omit<HttpRun, 'label' | 'target'>> {
  // A second and a half of warm-up: the model loads on the first request, the JIT settles, and
  // the campaign's cached deployment sees a new event tracker.
  await measure(servicePid, sender, clients, { seconds: 1.5 });
  return measure(servicePid, sender, clients, { seconds });
}

/**
 * Every training user asked once, the users shared out among the clients: with an event tracker,
 * each request is a user's first, whose events the service reads from its embedded DynamoDB
 * before it keeps them (serving/recent-events.ts). Later requests are steady state.
 */
function firstRequests(servicePid: number, sender: Sender, clients: number) {
  return measure(servicePid, sender, clients, { everyUserOnce: true });
}

async function measure(
  servicePid: number,
  sender: Sender,
  clients: number,
  until: { seconds: number } | { everyUserOnce: true },
): Promise<Omit<HttpRun, 'label' | 'target'>> {
  const users = HTTP_ITEMS / 2;
  const latencies: number[] = [];
  let failed = 0;
  let nextUser = 0;
  const cpuBefore = cpuSeconds(servicePid);
  const started = performance.now();
  const deadline = 'seconds' in until ? started + until.seconds * 1000 : Infinity;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const connection = sender();
      const random = createRandom(client + 1);
      for (;;) {
        const user = 'seconds' in until ? random.int(users) : nextUser++;
        if (performance.now() >= deadline || user >= users) break;
        const requested = performance.now();
        try {
          await connection.send(`user-${user}`);
          latencies.push(performance.now() - requested);
        } catch (error) {
          if (failed++ === 0) console.error('first failed request:', error);
        }
      }
      connection.close();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(servicePid) - cpuBefore;
  return {
    ...percentiles(Float64Array.from(latencies)),
    rps: latencies.length / elapsed,
    failed,
    cpuMs: (cpu * 1000) / Math.max(1, latencies.length),
  };
}

/** A process's CPU time so far (user + system), from Linux's /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the 14th and 15th fields, in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
