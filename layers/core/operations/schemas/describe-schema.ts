import type { DescribeSchemaResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeSchema } from './view';

export default defineOperation({
  name: 'DescribeSchema',
  input: z.object({ schemaArn: shape.arn() }),
  touches: (input) => [{ kind: 'schema', arn: input.schemaArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'schema', input.schemaArn);
    return { schema: describeSchema(record) } satisfies Wire<DescribeSchemaResponse>;
  },
});
