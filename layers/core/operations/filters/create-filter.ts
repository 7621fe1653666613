import type { CreateFilterResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { parseFilterExpression } from '../../filters/parser';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { filterSchemas } from './group-schemas';
import { quotaOf } from '../../domain/quotas';
import { quotaReached } from '../quotas';
import { claimFilterSlot } from './group-slots';
import type { FilterAttributes } from '../../domain/filter';

export default defineOperation({
  name: 'CreateFilter',
  input: z.object({
    name: shape.name(),
    datasetGroupArn: shape.arn(),
    filterExpression: shape.text(1, 2500),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    // Parsed now so that a bad expression fails here, not in every later request.
    parseFilterExpression(input.filterExpression, await filterSchemas(ctx, group));
    const arn = buildArn(ctx.place, 'filter', input.name);
    await createResource<FilterAttributes>(ctx, {
      kind: 'filter',
      arn,
      parentArn: group.arn,
      attributes: {
        name: input.name,
        datasetGroupArn: group.arn,
        filterExpression: input.filterExpression,
        status: 'ACTIVE',
      },
      tags: input.tags,
    });
    let claimed = false;
    try {
      claimed = await claimFilterSlot(
        ctx.metadata,
        group.arn,
        arn,
        quotaOf(ctx, 'filtersPerDatasetGroup'),
      );
    } finally {
      if (!claimed) await ctx.metadata.delete(arn);
    }
    if (!claimed) {
      throw quotaReached(ctx, {
        name: 'filtersPerDatasetGroup',
        holder: `Dataset group ${group.arn}`,
        what: 'filters',
        remedy: 'delete one first',
      });
    }
    return { filterArn: arn } satisfies Wire<CreateFilterResponse>;
  },
});
