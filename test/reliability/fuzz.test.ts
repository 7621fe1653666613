/**
 * Issue 12: a seeded fuzzer over the control, events and runtime APIs of `npm start`, as a
 * process, over HTTP. TAILOR_FUZZ_SEED replays a run (the same requests in the same order;
 * ARNs the run itself created may differ with timing); TAILOR_FUZZ_REQUESTS scales it.
 */
import { describeFailure, runFuzz } from '../helpers/fuzz/fuzzer';
import { loadServiceModels } from '../helpers/fuzz/service-models';
import { buildWorld, officialClients, type Clients, type World } from '../helpers/fuzz/world';
import { startLocal, type RunningService } from '../helpers/process';

const REQUESTS = Number(process.env.TAILOR_FUZZ_REQUESTS || 10_000);
const SEED = process.env.TAILOR_FUZZ_SEED
  ? Number(process.env.TAILOR_FUZZ_SEED)
  : Math.floor(Math.random() * 0x1_0000_0000);
/** Job processes the fuzzer's own valid calls may start: each is a process on a 2-core runner. */
const JOB_BUDGET = 4;
const CONCURRENCY = 8;
const MIN_SUCCESS_SHARE = 0.05;

const models = loadServiceModels();

describe('the local service under a seeded fuzzer', () => {
  let service: RunningService;
  let clients: Clients;
  let world: World;
  beforeAll(async () => {
    service = await startLocal();
    clients = officialClients(service.endpoint, service.s3Endpoint);
    world = await buildWorld(clients, { jobBudget: JOB_BUDGET });
    if (world.unavailable.length)
      console.warn(`The fuzz world lacks ${world.unavailable.join('; ')}`);
  }, 180_000);
  afterAll(async () => {
    clients?.destroy();
    await service?.stop();
  });

  it(`answers ${REQUESTS} requests over all three APIs with well-formed AWS answers, none a 5xx`, async () => {
    // Prepare
    console.log(`fuzz seed ${SEED}: replay with TAILOR_FUZZ_SEED=${SEED}`);

    // Act
    const report = await runFuzz({
      endpoint: service.endpoint,
      models,
      world,
      clients,
      seed: SEED,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
    });

    // Assess
    expect(report.failures.map(describeFailure)).toEqual([]);
    expect([...report.byStatus.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    // Some 13% succeed: far fewer would mean the requests no longer reach the code behind the checks.
    expect(report.byStatus.get('200')).toBeGreaterThan(REQUESTS * MIN_SUCCESS_SHARE);
    expect(service.child.exitCode).toBeNull();
    expect((await fetch(`${service.endpoint}/health`)).status).toBe(200);
  }, 300_000);
});
