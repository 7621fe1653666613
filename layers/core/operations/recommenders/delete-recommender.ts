import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { isRunning } from '../../domain/jobs';
import { requireResource } from '../../resources/lifecycle';
import { forgetDeployment } from '../../serving/deployments';
import { isRetraining, retrainingsOf } from './retraining';
import { deleteFolder } from '../../store/object-ports';
import { trainedFolder } from '../../data/locations';

export default defineOperation({
  name: 'DeleteRecommender',
  input: z.object({ recommenderArn: shape.arn() }),
  touches: (input) => [{ kind: 'recommender', arn: input.recommenderArn }],
  async run(input, ctx) {
    const recommender = await requireResource(ctx, 'recommender', input.recommenderArn);
    if (isRunning(recommender.attributes.status) || (await isRetraining(ctx, recommender.arn))) {
      throw new ResourceInUseException(
        `Recommender ${recommender.arn} is training: it can be deleted once its training ends.`,
      );
    }
    // The models first: a deletion that dies midway leaves the recommender, and a retry goes on.
    await deleteFolder(ctx.objects, trainedFolder(ctx.dataBucket, recommender.arn));
    for await (const training of retrainingsOf(ctx, recommender.arn)) {
      await ctx.metadata.delete(training.arn);
    }
    // Nothing is provisioned, so the recommender goes at once; other processes stop serving it
    // within a second (serving/deployments.ts), this one now.
    await ctx.metadata.delete(recommender.arn);
    forgetDeployment(ctx, recommender.arn);
    return {};
  },
});
