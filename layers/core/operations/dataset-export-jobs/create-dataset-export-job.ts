import type { CreateDatasetExportJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import { launchJob } from '../../jobs/launch';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { PENDING } from '../../domain/jobs';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { checkJobRequest, s3DataConfig } from '../job-request';
import type { DatasetExportJobAttributes } from '../../domain/dataset-export-job';

export default defineOperation({
  name: 'CreateDatasetExportJob',
  input: z.object({
    jobName: shape.name(),
    datasetArn: shape.arn(),
    ingestionMode: z.enum(['BULK', 'PUT', 'ALL']).optional(),
    roleArn: shape.roleArn(),
    jobOutput: z.object({ s3DataDestination: s3DataConfig() }),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  async run(input, ctx) {
    await checkJobRequest(ctx, input);
    const { path, kmsKeyArn } = input.jobOutput.s3DataDestination;
    const dataset = await requireResource(ctx, 'dataset', input.datasetArn);
    const record = await createResource<DatasetExportJobAttributes>(ctx, {
      kind: 'dataset-export-job',
      arn: buildArn(ctx.place, 'dataset-export-job', input.jobName),
      parentArn: dataset.arn,
      attributes: {
        jobName: input.jobName,
        datasetArn: dataset.arn,
        // Personalize's default: what PutEvents, PutUsers and PutItems recorded.
        ingestionMode: input.ingestionMode ?? 'PUT',
        roleArn: input.roleArn,
        requestedBy: ctx.caller?.id,
        path,
        kmsKeyArn,
        status: PENDING,
      },
      tags: input.tags,
    });
    await launchJob(ctx, 'dataset-export', record.arn);
    return { datasetExportJobArn: record.arn } satisfies Wire<CreateDatasetExportJobResponse>;
  },
});
