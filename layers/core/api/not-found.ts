/**
 * The words for a resource that is not there, in one place: the operations say them for a
 * missing resource, and key policies (auth/key-policy-enforcement.ts) for one in a dataset group
 * the caller may not touch, which must read exactly alike.
 */
import { ResourceNotFoundException } from './errors';

/** `label` is the kind's word (kindLabel), or `resource` where any kind will do. */
export const notFound = (label: string, arn: string) =>
  new ResourceNotFoundException(`Could not find ${label} with ARN ${arn}.`);

export const unknownTrackingId = (trackingId: string) =>
  new ResourceNotFoundException(`No event tracker has the tracking ID ${trackingId}.`);
