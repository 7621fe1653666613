/**
 * The reliability fuzzer (test/reliability/fuzz.test.ts) at a larger scale, against the local
 * service as `npm start` runs it: seeded requests over all three APIs, every answer judged.
 *
 *   npm run bench -- fuzz [--requests 100000] [--seed N] [--concurrency 8] [--jobs 40]
 *
 * Target (issue 12): no 5xx and every answer a well-formed AWS answer.
 */
import { parseArgs } from 'node:util';
import { describeFailure, formatReport, runFuzz } from '../../test/helpers/fuzz/fuzzer';
import { loadServiceModels } from '../../test/helpers/fuzz/service-models';
import { buildWorld, officialClients } from '../../test/helpers/fuzz/world';
import { startLocal } from '../../test/helpers/process';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 0x1_0000_0000);
  const service = await startLocal();
  const clients = officialClients(service.endpoint, service.s3Endpoint);
  try {
    const world = await buildWorld(clients, { jobBudget: Number(values.jobs ?? 40) });
    if (world.unavailable.length)
      console.warn(`The fuzz world lacks ${world.unavailable.join('; ')}`);
    const report = await runFuzz({
      endpoint: service.endpoint,
      models: loadServiceModels(),
      world,
      clients,
      seed,
      requests: Number(values.requests ?? 100_000),
      concurrency: Number(values.concurrency ?? 8),
    });
    console.log(`Fuzzing ${service.endpoint} (npm start in a process of its own)\n`);
    console.log(formatReport(report));
    for (const failure of report.failures) console.log(`\n${describeFailure(failure)}`);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  } finally {
    clients.destroy();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
