/**
 * Members Tailor answers beside Personalize's, which the SDK's deserializer drops: a middleware
 * on the one command keeps the response's JSON as it came, then hands the deserializer the same
 * bytes, so the official client still parses its answer as ever.
 */
import {
  DescribeDatasetCommand,
  type Dataset,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import type { DataOverview } from '../../../layers/core/domain/data-overview';

export type { DataOverview };

/**
 * DescribeDataset, with the rows its latest import stored and, of interactions, the data
 * overview Tailor counts at each import.
 */
export async function describeDatasetWithOverview(
  client: PersonalizeClient,
  datasetArn: string,
): Promise<{ dataset: Dataset; rows: number | undefined; overview: DataOverview | undefined }> {
  const command = new DescribeDatasetCommand({ datasetArn });
  let body = '';
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      const bytes = new Uint8Array(await new Response(response.body as BodyInit).arrayBuffer());
      body = new TextDecoder().decode(bytes);
      response.body = bytes;
      return result;
    },
    // Within the deserialize step, below the deserializer: it sees the body before parsing.
    { step: 'deserialize', priority: 'low', name: 'tailorExtensions' },
  );
  const { dataset } = await client.send(command);
  const raw = JSON.parse(body) as {
    dataset?: { latestDatasetUpdate?: { recordCount?: number; dataOverview?: DataOverview } };
  };
  const update = raw.dataset?.latestDatasetUpdate;
  return { dataset: dataset!, rows: update?.recordCount, overview: update?.dataOverview };
}
