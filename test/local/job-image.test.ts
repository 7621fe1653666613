/**
 * The job image's code, short of Docker: training/main.ts bundled as the Dockerfile's build
 * stage bundles it (training/build.ts), outside the repository, run by the local service as each
 * job's process. Imports and the trainers (iALS's WebAssembly kernel on worker threads, EASE's
 * WebAssembly inverse) must work from the bundle alone, with no node_modules beside it.
 */
import { CreateCampaignCommand } from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleJob } from '../../training/build';
import { startTestService, type TestService } from '../helpers/local-service';
import { trainVersions } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

let outdir: string;
let service: TestService;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'tailor-job-image-'));
  await bundleJob({ entry: 'training/main.ts', outdir });
  service = await startTestService(undefined, { jobEntry: join(outdir, 'index.js') });
}, 60_000);
afterAll(async () => {
  await service.stop();
  await rm(outdir, { recursive: true, force: true });
});

it('bundles the job entry with the kernels it loads at run time', () => {
  expect(existsSync(join(outdir, 'index.js'))).toBe(true);
  expect(existsSync(join(outdir, 'layers', 'core', 'recipes', 'wasm-worker.js'))).toBe(true);
  expect(existsSync(join(outdir, 'node_modules'))).toBe(false);
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
