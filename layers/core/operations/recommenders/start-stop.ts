/**
 * StopRecommender and StartRecommender: a stopped recommender is INACTIVE and serves nothing
 * until started again. Nothing is provisioned, so each takes effect at once.
 */
import type {
  StartRecommenderResponse,
  StopRecommenderResponse,
} from '@aws-sdk/client-personalize';
import { ResourceInUseException } from '../../api/errors';
import type { Wire } from '../../api/wire';
import type { Context } from '../../context/context';
import { ACTIVE } from '../../domain/jobs';
import { INACTIVE } from '../../domain/recommender';
import { requireResource } from '../../resources/lifecycle';
import { forgetDeployment } from '../../serving/deployments';

export async function moveRecommender(
  ctx: Context,
  recommenderArn: string,
  from: string,
  to: string,
  verb: string,
): Promise<Wire<StartRecommenderResponse & StopRecommenderResponse>> {
  const recommender = await requireResource(ctx, 'recommender', recommenderArn);
  const moved = await ctx.metadata.update(
    recommender.arn,
    { attributes: { status: to }, updatedAt: ctx.now() },
    { oneOf: { name: 'status', values: [from] } },
  );
  if (!moved) {
    throw new ResourceInUseException(
      `Recommender ${recommender.arn} is ${recommender.attributes.status}: only ${from === ACTIVE ? 'an ACTIVE' : `an ${INACTIVE}`} recommender can be ${verb}.`,
    );
  }
  forgetDeployment(ctx, recommender.arn);
  return { recommenderArn: recommender.arn };
}
