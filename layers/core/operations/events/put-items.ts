import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { putRecords, type RecordsKind } from './put-records';

const ITEMS: RecordsKind = {
  operation: 'PutItems',
  datasetType: 'ITEMS',
  label: 'Items',
  list: 'items',
  idMember: 'itemId',
  idField: 'ITEM_ID',
  timestamps: ['CREATION_TIMESTAMP'],
};

export default defineOperation({
  name: 'PutItems',
  route: '/items',
  input: z.object({
    datasetArn: shape.arn(),
    items: shape.list(
      z.object({ itemId: shape.id(), properties: shape.text(1, 32000).optional() }),
      1,
      10,
    ),
  }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  run: (input, ctx): Promise<void> =>
    putRecords(
      ctx,
      ITEMS,
      input.datasetArn,
      input.items.map((item) => ({ id: item.itemId, properties: item.properties })),
    ),
});
