import type { ListSolutionVersionsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeSolutionVersion } from './view';

export default defineOperation({
  name: 'ListSolutionVersions',
  input: z.object({ solutionArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'solution-version',
      input.solutionArn,
      input,
      summarizeSolutionVersion,
    );
    return {
      solutionVersions: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListSolutionVersionsResponse>;
  },
});
