import type { CreateDatasetImportJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import { launchJob } from '../../jobs/launch';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { PENDING, RUNNING_STATUSES } from '../../domain/jobs';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource, findResource } from '../../resources/lifecycle';
import { checkJobRequest, dataSource } from '../job-request';

import { countOf, requireRoomFor } from '../quotas';
import { claimDataset, releaseDataset } from '../../jobs/dataset-claims';
import type { DatasetImportJobAttributes } from '../../domain/dataset-import-job';

export default defineOperation({
  name: 'CreateDatasetImportJob',
  input: z.object({
    jobName: shape.name(),
    datasetArn: shape.arn(),
    dataSource: dataSource(),
    roleArn: shape.roleArn().optional(),
    importMode: z.enum(['FULL', 'INCREMENTAL']).optional(),
    publishAttributionMetricsToS3: z.boolean().optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  async run(input, ctx) {
    await checkJobRequest(ctx, input);
    const { dataLocation } = input.dataSource;
    const dataset = await requireResource(ctx, 'dataset', input.datasetArn);
    await requireRoomFor(ctx, {
      name: 'datasetImportJobsInProgress',
      holder: 'The account',
      what: 'dataset import jobs in progress',
      remedy: 'wait for one to finish',
      count: countOf(ctx, { kind: 'dataset-import-job', statuses: RUNNING_STATUSES }),
    });
    const arn = buildArn(ctx.place, 'dataset-import-job', input.jobName);
    // Imports rewrite the dataset's stored data, so one runs at a time per dataset.
    if (!(await claimDataset(ctx.metadata, dataset.arn, arn))) {
      const holder = await findResource(ctx, 'dataset', dataset.arn);
      throw new ResourceInUseException(
        `Dataset ${dataset.arn} has a job in progress that changes its data (${holder?.attributes.importJobArn}); wait for it to finish.`,
      );
    }
    try {
      await createResource<DatasetImportJobAttributes>(ctx, {
        kind: 'dataset-import-job',
        arn,
        parentArn: dataset.arn,
        attributes: {
          jobName: input.jobName,
          datasetArn: dataset.arn,
          dataLocation,
          roleArn: input.roleArn,
          requestedBy: ctx.caller?.id,
          importMode: input.importMode ?? 'FULL',
          publishAttributionMetricsToS3: input.publishAttributionMetricsToS3,
          status: PENDING,
        },
        tags: input.tags,
      });
    } catch (error) {
      await releaseDataset(ctx.metadata, dataset.arn, arn);
      throw error;
    }
    await launchJob(ctx, 'dataset-import', arn);
    return { datasetImportJobArn: arn } satisfies Wire<CreateDatasetImportJobResponse>;
  },
});
