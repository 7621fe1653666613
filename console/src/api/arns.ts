/**
 * The console's URLs name resources by name (`/dataset-groups/movies/solutions/ranking`): within
 * an account and region a name is unique per kind, and the ARN follows from the group's.
 */
export type Kind = 'solution' | 'campaign' | 'filter' | 'event-tracker' | 'recommender';

/** `arn:aws:personalize:{region}:{account}:` of the account a group's ARN names. */
const accountPrefix = (groupArn: string): string =>
  groupArn.slice(0, groupArn.indexOf(':dataset-group/') + 1);

export const arnIn = (groupArn: string, kind: Kind, name: string): string =>
  `${accountPrefix(groupArn)}${kind}/${name}`;

export const datasetArnIn = (groupArn: string, datasetType: string): string =>
  `${accountPrefix(groupArn)}dataset/${nameOf(groupArn)}/${datasetType.toUpperCase()}`;

/** The name an ARN ends with: the last path segment. */
export const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
