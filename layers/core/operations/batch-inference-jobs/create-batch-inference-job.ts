import type { CreateBatchInferenceJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { launchJob } from '../../jobs/launch';
import { PENDING, RUNNING_STATUSES } from '../../domain/jobs';
import { buildArn } from '../../domain/arn';
import { createResource } from '../../resources/lifecycle';
import { requireDeployable } from '../../serving/models';
import { checkJobRequest, s3DataConfig } from '../job-request';
import { campaignConfig, checkCampaignConfig } from '../campaigns/campaign-config';
import { loadFilter } from '../../serving/loaded-filters';
import { countOf, requireRoomFor } from '../quotas';
import { JOB_MODE, type BatchInferenceJobAttributes } from '../../domain/batch-inference-job';

/** Personalize's default and largest list, as GetRecommendations has them. */
const DEFAULT_RESULTS = 25;
const MAX_RESULTS = 500;

export default defineOperation({
  name: 'CreateBatchInferenceJob',
  input: z.object({
    jobName: shape.name(),
    solutionVersionArn: shape.arn(),
    filterArn: shape.arn().optional(),
    numResults: shape.integer(1, MAX_RESULTS).optional(),
    jobInput: z.object({ s3DataSource: s3DataConfig() }),
    jobOutput: z.object({ s3DataDestination: s3DataConfig() }),
    roleArn: shape.roleArn(),
    batchInferenceJobConfig: campaignConfig()
      .pick({ itemExplorationConfig: true, rankingInfluence: true })
      .optional(),
    batchInferenceJobMode: z.enum(['BATCH_INFERENCE', 'THEME_GENERATION']).optional(),
    themeGenerationConfig: z
      .object({ fieldsForThemeGeneration: z.object({ itemName: shape.columnName() }) })
      .optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [
    { kind: 'solution-version', arn: input.solutionVersionArn },
    { kind: 'filter', arn: input.filterArn },
  ],
  async run(input, ctx) {
    await checkJobRequest(ctx, input, modeProblems(input));
    const source = input.jobInput.s3DataSource;
    const destination = input.jobOutput.s3DataDestination;
    const { version, recipe } = await requireDeployable(ctx, input.solutionVersionArn);
    const config = input.batchInferenceJobConfig;
    if (config) checkCampaignConfig(recipe, config);
    if (input.filterArn) {
      const { datasetGroupArn } = await loadFilter(ctx, input.filterArn);
      if (datasetGroupArn !== version.attributes.datasetGroupArn) {
        throw new InvalidInputException(
          `Filter ${input.filterArn} belongs to dataset group ${datasetGroupArn}, not to ${version.attributes.datasetGroupArn}, whose data solution version ${version.arn} was trained on: use a filter of that dataset group.`,
        );
      }
    }
    await requireRoomFor(ctx, {
      name: 'batchInferenceJobsInProgress',
      holder: 'The account',
      what: 'batch inference jobs in progress',
      remedy: 'wait for one to finish',
      count: countOf(ctx, { kind: 'batch-inference-job', statuses: RUNNING_STATUSES }),
    });
    const record = await createResource<BatchInferenceJobAttributes>(ctx, {
      kind: 'batch-inference-job',
      arn: buildArn(ctx.place, 'batch-inference-job', input.jobName),
      // Under the version, so ListBatchInferenceJobs finds a version's jobs by parent.
      parentArn: version.arn,
      attributes: {
        jobName: input.jobName,
        solutionVersionArn: version.arn,
        filterArn: input.filterArn,
        numResults: input.numResults ?? DEFAULT_RESULTS,
        inputPath: source.path,
        inputKmsKeyArn: source.kmsKeyArn,
        outputPath: destination.path,
        outputKmsKeyArn: destination.kmsKeyArn,
        roleArn: input.roleArn,
        requestedBy: ctx.caller?.id,
        batchInferenceJobConfig: config,
        status: PENDING,
      },
      tags: input.tags,
    });
    await launchJob(ctx, 'batch-inference', record.arn);
    return { batchInferenceJobArn: record.arn } satisfies Wire<CreateBatchInferenceJobResponse>;
  },
});

/** A mode Tailor does not run, reported with the request's locations (checkJobRequest). */
const modeProblems = (input: {
  batchInferenceJobMode?: string | undefined;
  themeGenerationConfig?: unknown;
}): string[] =>
  (input.batchInferenceJobMode ?? JOB_MODE) !== JOB_MODE ||
  input.themeGenerationConfig !== undefined
    ? [
        `Tailor runs batchInferenceJobMode ${JOB_MODE} only: theme generation (THEME_GENERATION, themeGenerationConfig) is not available`,
      ]
    : [];
