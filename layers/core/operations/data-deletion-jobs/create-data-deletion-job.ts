import type { CreateDataDeletionJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import { launchJob } from '../../jobs/launch';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { PENDING } from '../../domain/jobs';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { checkJobRequest, dataSource } from '../job-request';
import { countOf, requireRoomFor } from '../quotas';
import { claimUserDatasets, releaseDatasets } from '../../jobs/dataset-claims';
import type { DataDeletionJobAttributes } from '../../domain/data-deletion-job';

export default defineOperation({
  name: 'CreateDataDeletionJob',
  input: z.object({
    jobName: shape.name(),
    datasetGroupArn: shape.arn(),
    dataSource: dataSource(),
    roleArn: shape.roleArn(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    await checkJobRequest(ctx, input);
    const { dataLocation } = input.dataSource;
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    await requireRoomFor(ctx, {
      name: 'dataDeletionJobsPendingPerDatasetGroup',
      holder: `Dataset group ${group.arn}`,
      what: 'pending data deletion jobs',
      remedy: 'wait for one to start',
      count: countOf(ctx, { kind: 'data-deletion-job', parentArn: group.arn, statuses: [PENDING] }),
    });
    const arn = buildArn(ctx.place, 'data-deletion-job', input.jobName);
    const datasetArns = await claimUserDatasets(ctx, group.arn, arn);
    try {
      await createResource<DataDeletionJobAttributes>(ctx, {
        kind: 'data-deletion-job',
        arn,
        parentArn: group.arn,
        attributes: {
          jobName: input.jobName,
          datasetGroupArn: group.arn,
          dataLocation,
          roleArn: input.roleArn,
          requestedBy: ctx.caller?.id,
          status: PENDING,
          datasetArns,
        },
        tags: input.tags,
      });
    } catch (error) {
      await releaseDatasets(ctx.metadata, datasetArns, arn);
      throw error;
    }
    await launchJob(ctx, 'data-deletion', arn);
    return { dataDeletionJobArn: arn } satisfies Wire<CreateDataDeletionJobResponse>;
  },
});
