/** The trained versions a campaign or a batch inference job can use. */
import type { PersonalizeClient } from '@aws-sdk/client-personalize';
import { nameOf } from './arns';
import { listSolutions, listVersions } from './lists';

/** Every ACTIVE version of the group's solutions, as options labelled `solution / version`. */
export async function activeVersions(client: PersonalizeClient, datasetGroupArn: string) {
  const solutions = await listSolutions(client, datasetGroupArn);
  const versions = await Promise.all(
    solutions.map(async (s) =>
      (await listVersions(client, s.solutionArn!))
        .filter((v) => v.status === 'ACTIVE')
        .map((v) => ({
          value: v.solutionVersionArn!,
          label: `${s.name} / ${nameOf(v.solutionVersionArn!)}`,
        })),
    ),
  );
  return versions.flat();
}
