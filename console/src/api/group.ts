/** A dataset group by the name its URL gives, and what its overview shows of it. */
import {
  DescribeDatasetGroupCommand,
  type DatasetGroup,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { listDatasetGroups } from './lists';

export class NotFound extends Error {
  override name = 'ResourceNotFoundException';
}

export async function findGroup(client: PersonalizeClient, name: string): Promise<DatasetGroup> {
  const summary = (await listDatasetGroups(client)).find((g) => g.name === name);
  if (!summary) throw new NotFound(`No dataset group is named ${name}.`);
  const { datasetGroup } = await client.send(
    new DescribeDatasetGroupCommand({ datasetGroupArn: summary.datasetGroupArn }),
  );
  return datasetGroup!;
}
