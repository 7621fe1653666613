/**
 * The job image's code, short of Docker: its build context staged as `cdk synth` stages it
 * (lib/job-compute.ts: job-image/main.ts bundled by lib/bundle-entry.ts, and the Dockerfile),
 * outside the repository, run by the local service as each job's process. Imports and the
 * trainers (iALS's WebAssembly kernel on worker threads, EASE's WebAssembly inverse) must work
 * from the bundle alone, with no node_modules beside it.
 */
import { CreateCampaignCommand } from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageJobImage } from '../../lib/job-compute';
import { startTestService, type TestService } from '../helpers/local-service';
import { trainVersions } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

let outdir: string;
let service: TestService;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'tailor-job-image-'));
  stageJobImage(outdir);
  service = await startTestService(undefined, { jobEntry: join(outdir, 'index.js') });
}, 60_000);
afterAll(async () => {
  await service.stop();
  await rm(outdir, { recursive: true, force: true });
});

it('stages the bundle, the kernels it loads at run time and a Dockerfile that only copies them', () => {
  expect(readdirSync(outdir).sort()).toEqual(['Dockerfile', 'index.js', 'index.js.map', 'layers']);
  expect(existsSync(join(outdir, 'layers', 'core', 'recipes', 'wasm-worker.js'))).toBe(true);
  const dockerfile = readFileSync(join(outdir, 'Dockerfile'), 'utf8');
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
  // One stage on a base pinned by digest; nothing runs in it (no npm ci, no build).
  expect(instructions.filter((line) => line.startsWith('FROM '))).toEqual([
    expect.stringMatching(/^FROM node:22-slim@sha256:[0-9a-f]{64}$/),
  ]);
  expect(instructions.filter((line) => line.startsWith('RUN '))).toEqual([]);
});

it('imports, trains every kernel and serves from the bundle alone', async () => {
  const datasetGroupArn = await groupWithInteractions(service, twoTastesCsv());
  const versions = await trainVersions(service, datasetGroupArn, {
    ials: 'aws-user-personalization',
    ease: 'tailor-ease',
    sims: 'aws-sims',
  });
  // The jobs ran in the bundle's processes, which print their own summary line.
  expect(service.jobLog.some((line) => /\[training\] training .* s, peak RSS/.test(line))).toBe(
    true,
  );
  const { campaignArn } = await service.personalize.send(
    new CreateCampaignCommand({ name: 'from-image', solutionVersionArn: versions.ials }),
  );
  const { itemList } = await service.runtime.send(
    new GetRecommendationsCommand({ campaignArn, userId: 'a-user-1', numResults: 5 }),
  );
  expect(itemList!.map((item) => item.itemId![0])).toEqual(['a', 'a', 'a', 'a', 'a']);
}, 120_000);
