import type { ResourceKind } from './kinds';

export interface Place {
  region: string;
  account: string;
}

/** `arn:aws:personalize:{region}:{account}:{kind}/{path}`, as Personalize builds them. */
export const buildArn = (place: Place, kind: ResourceKind, ...path: string[]): string =>
  `arn:aws:personalize:${place.region}:${place.account}:${kind}/${path.join('/')}`;
