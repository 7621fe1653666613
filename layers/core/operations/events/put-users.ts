import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { putRecords, type RecordsKind } from './put-records';

const USERS: RecordsKind = {
  operation: 'PutUsers',
  datasetType: 'USERS',
  label: 'Users',
  list: 'users',
  idMember: 'userId',
  idField: 'USER_ID',
  timestamps: [],
};

export default defineOperation({
  name: 'PutUsers',
  route: '/users',
  input: z.object({
    datasetArn: shape.arn(),
    users: shape.list(
      z.object({ userId: shape.id(), properties: shape.text(1, 24000).optional() }),
      1,
      10,
    ),
  }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  run: (input, ctx): Promise<void> =>
    putRecords(
      ctx,
      USERS,
      input.datasetArn,
      input.users.map((user) => ({ id: user.userId, properties: user.properties })),
    ),
});
