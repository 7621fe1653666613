import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { checkPassRole } from '../../auth/callers';
import { defineOperation } from '../../api/operation';
import { launchJob } from '../../jobs/launch';
import * as shape from '../../api/shapes';
import { PENDING } from '../../jobs/status';
import { buildArn } from '../../resources/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { parseS3Url } from '../../store/object-ports';
import { claimUserDatasets, releaseDatasets } from './dataset-claims';
import type { DataDeletionJobAttributes } from './view';

export default defineOperation({
  name: 'CreateDataDeletionJob',
  input: z.object({
    jobName: shape.name(),
    datasetGroupArn: shape.arn(),
    dataSource: z.object({ dataLocation: shape.text(0, 256) }),
    roleArn: shape.roleArn(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    await checkPassRole(ctx, input.roleArn);
    const { dataLocation } = input.dataSource;
    if (!parseS3Url(dataLocation)) {
      throw new InvalidInputException(
        `dataSource.dataLocation must be an S3 URL such as s3://bucket/users.csv or s3://bucket/folder/, got "${dataLocation}".`,
      );
    }
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
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
    return { dataDeletionJobArn: arn };
  },
});
