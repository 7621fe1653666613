import type { ListSchemasResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeSchema } from './view';

export default defineOperation({
  name: 'ListSchemas',
  input: z.object(shape.pageRequest),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(ctx, 'schema', undefined, input, summarizeSchema);
    return { schemas: page.items, nextToken: page.nextToken } satisfies Wire<ListSchemasResponse>;
  },
});
