import type { DescribeAlgorithmResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireAlgorithm } from '../../recipes/catalogue';
import { describeAlgorithm } from './view';

export default defineOperation({
  name: 'DescribeAlgorithm',
  input: z.object({ algorithmArn: shape.arn() }),
  touches: (input) => [{ kind: 'algorithm', arn: input.algorithmArn }],
  async run(input) {
    return {
      algorithm: describeAlgorithm(requireAlgorithm(input.algorithmArn)),
    } satisfies Wire<DescribeAlgorithmResponse>;
  },
});
