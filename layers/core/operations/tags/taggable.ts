import type { Context } from '../../context/context';
import { InvalidInputException } from '../../api/errors';
import { kindLabel, RESOURCE_KINDS } from '../../domain/kinds';
import { notFound } from '../../api/not-found';
import type { ResourceRecord } from '../../domain/records';

/** Any resource kind that takes tags, looked up by ARN alone. */
export async function requireTaggable(ctx: Context, arn: string): Promise<ResourceRecord> {
  const record = await ctx.metadata.get(arn);
  if (!record) throw notFound('resource', arn);
  if (!RESOURCE_KINDS[record.kind].taggable) {
    throw new InvalidInputException(`A ${kindLabel(record.kind)} cannot be tagged: ${arn}.`);
  }
  return record;
}
