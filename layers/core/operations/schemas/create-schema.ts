import type { CreateSchemaResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { parseSchema } from '../../data/avro-schema';
import { buildArn } from '../../domain/arn';
import { createResource } from '../../resources/lifecycle';
import { countOf, requireRoomFor } from '../quotas';
import type { SchemaAttributes } from '../../domain/schema';

export default defineOperation({
  name: 'CreateSchema',
  input: z.object({
    name: shape.name(),
    schema: shape.text(0, 20000),
    domain: shape.domain().optional(),
  }),
  touches: (input, place) => [{ kind: 'schema', arn: buildArn(place, 'schema', input.name) }],
  async run(input, ctx) {
    // Only the Avro shape can be checked here; the dataset type's rules apply at CreateDataset.
    parseSchema(input.schema);
    await requireRoomFor(ctx, {
      name: 'schemas',
      holder: 'The account',
      what: 'schemas',
      remedy: 'delete one first',
      count: countOf(ctx, { kind: 'schema' }),
    });
    const record = await createResource<SchemaAttributes>(ctx, {
      kind: 'schema',
      arn: buildArn(ctx.place, 'schema', input.name),
      attributes: { name: input.name, schema: input.schema, domain: input.domain },
    });
    return { schemaArn: record.arn } satisfies Wire<CreateSchemaResponse>;
  },
});
