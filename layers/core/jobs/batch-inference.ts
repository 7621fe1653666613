/**
 * The batch inference job: reads JSON Lines from S3 (a file, or every file under a folder) and
 * writes, for each input file, `{name}.out` under the output path, one answer per input line in
 * input order (batch-inference-line.ts). Lines stream through: a few are answered at a time and
 * the output is uploaded in parts as it grows, so neither file is held in memory.
 *
 * Lines are answered as the runtime answers a campaign of the job's solution version, so a line
 * gets what GetRecommendations gives the same user at that moment: where the group records
 * events, the user's latest fold in, as they do for a campaign.
 */
import type { Context } from '../context/context';
import { requireResource } from '../resources/lifecycle';
import { recordsEvents, type ServingSource } from '../serving/deployments';
import { requireDeployable } from '../serving/models';
import { folderKey, parseS3Url, s3Url, type ObjectLocation } from '../store/object-ports';
import { answerLine, type LineJob } from './batch-inference-line';
import { readLines } from './json-lines';
import { JobFailure } from '../domain/jobs';
import { type JobDefinition } from '../context/job-definition';
import { sourceFiles } from './source-files';

/**
 * Lines answered at once: enough to overlap one line's event read with another's scoring, few
 * enough that their answers held for in-order output stay small.
 */
const LINES_IN_FLIGHT = 8;

export const batchInference: JobDefinition = {
  resourceKind: 'batch-inference-job',

  async run(ctx, arn) {
    const { attributes: a } = await requireResource(ctx, 'batch-inference-job', arn);
    const { version, recipe } = await requireDeployable(ctx, a.solutionVersionArn);
    const source: ServingSource = {
      versionArn: version.arn,
      config: a.batchInferenceJobConfig ?? {},
      realTime: await recordsEvents(ctx, version.attributes.datasetGroupArn),
      name: `Solution version ${version.arn}`,
    };
    const job: LineJob = {
      source,
      recipeType: recipe.recipeType,
      numResults: a.numResults,
      filterArn: a.filterArn,
    };
    const counts = { recordCount: 0, errorCount: 0 };
    const callerObjects = ctx.userObjects(a.roleArn, a.requestedBy);
    for (const file of await sourceFiles(callerObjects, a.inputPath)) {
      const body = await callerObjects.read(file);
      if (!body) {
        throw new JobFailure(
          `The input ${s3Url(file)} does not exist: put the JSON Lines to read there, or give jobInput.s3DataSource.path as a folder ending in /.`,
        );
      }
      const output = outputLocation(a.inputPath, a.outputPath, file);
      await callerObjects.writeStream(output, answers(ctx, job, readLines(body), counts));
    }
    return counts;
  },

  // A batch job holds nothing: it reads a model and writes its own files.
  release: async () => undefined,
};

/** `{outputPath}{name}.out`, the name being the input file's path under the input folder. */
function outputLocation(inputPath: string, outputPath: string, file: ObjectLocation) {
  const input = parseS3Url(inputPath)!;
  const destination = parseS3Url(outputPath)!;
  const name =
    file.key === input.key
      ? file.key.slice(file.key.lastIndexOf('/') + 1)
      : file.key.slice(input.key.length);
  return { bucket: destination.bucket, key: `${folderKey(destination)}${name}.out` };
}

/** The output lines in input order, LINES_IN_FLIGHT answered at a time; blank lines skipped. */
async function* answers(
  ctx: Context,
  job: LineJob,
  lines: AsyncIterable<string>,
  counts: { recordCount: number; errorCount: number },
): AsyncGenerator<string> {
  const inFlight: Promise<string>[] = [];
  const answer = async (text: string) => {
    const answered = await answerLine(ctx, job, text);
    counts.recordCount++;
    if (answered.error !== null) counts.errorCount++;
    return `${JSON.stringify(answered)}\n`;
  };
  for await (const text of lines) {
    if (text.trim() === '') continue;
    const next = answer(text);
    // Awaited in turn below; until then, a failure must not count as unhandled.
    next.catch(() => undefined);
    inFlight.push(next);
    if (inFlight.length >= LINES_IN_FLIGHT) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
