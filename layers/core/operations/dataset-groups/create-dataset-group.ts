import type { CreateDatasetGroupResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { checkPassRole } from '../../auth/callers';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { buildArn } from '../../domain/arn';
import { createResource } from '../../resources/lifecycle';
import { countOf, requireRoomFor } from '../quotas';
import type { DatasetGroupAttributes } from '../../domain/dataset-group';

export default defineOperation({
  name: 'CreateDatasetGroup',
  input: z.object({
    name: shape.name(),
    roleArn: shape.roleArn().optional(),
    kmsKeyArn: shape.kmsKeyArn().optional(),
    domain: shape.domain().optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input, place) => [
    { kind: 'dataset-group', arn: buildArn(place, 'dataset-group', input.name) },
  ],
  async run(input, ctx) {
    await checkPassRole(ctx, input.roleArn);
    if (input.kmsKeyArn && !input.roleArn) {
      throw new InvalidInputException(
        'A dataset group with a kmsKeyArn needs a roleArn that grants access to the key.',
      );
    }
    await requireRoomFor(ctx, {
      name: 'datasetGroups',
      holder: 'The account',
      what: 'dataset groups',
      remedy: 'delete one first',
      count: countOf(ctx, { kind: 'dataset-group' }),
    });
    const record = await createResource<DatasetGroupAttributes>(ctx, {
      kind: 'dataset-group',
      arn: buildArn(ctx.place, 'dataset-group', input.name),
      // Provisioning a group is bookkeeping only here, so it is usable at once.
      attributes: {
        name: input.name,
        status: 'ACTIVE',
        roleArn: input.roleArn,
        kmsKeyArn: input.kmsKeyArn,
        domain: input.domain,
      },
      tags: input.tags,
    });
    return {
      datasetGroupArn: record.arn,
      domain: input.domain,
    } satisfies Wire<CreateDatasetGroupResponse>;
  },
});
