import type { DescribeFeatureTransformationResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireFeatureTransformation } from '../../recipes/feature-transformations';
import { describeFeatureTransformation } from './view';

export default defineOperation({
  name: 'DescribeFeatureTransformation',
  input: z.object({ featureTransformationArn: shape.arn() }),
  touches: (input) => [{ kind: 'feature-transformation', arn: input.featureTransformationArn }],
  async run(input) {
    return {
      featureTransformation: describeFeatureTransformation(
        requireFeatureTransformation(input.featureTransformationArn),
      ),
    } satisfies Wire<DescribeFeatureTransformationResponse>;
  },
});
