/**
 * What the runtime tests share: the two-tastes Items data, trained versions by name, clicks
 * recorded through PutEvents, and reading lists back.
 */
import {
  CreateDatasetCommand,
  CreateSchemaCommand,
  type Domain,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import type { PredictedItem } from '@aws-sdk/client-personalize-runtime';
import { importCsv, putObject } from './import';
import type { TestService } from './local-service';
import { ITEMS_SCHEMA } from './schemas';
import { trainSolution } from './training';

export const recipeArn = (name: string) => `arn:aws:personalize:::recipe/${name}`;

/** The item IDs of a list, in order. */
export const ids = (items: PredictedItem[] | undefined) => items!.map((item) => item.itemId!);

/** An item's or user's taste in the planted data: `a` or `b`. */
export const tasteOf = (id: string) => id[0];

/** PutEvents' most events in one call. */
const EVENTS_PER_CALL = 10;

/**
 * Clicks on `itemIds`, a second apart, recorded with PutEvents through the tracker, in as many
 * calls as it takes.
 */
export async function click(
  service: TestService,
  trackingId: string,
  who: { userId?: string; sessionId: string },
  itemIds: string[],
): Promise<void> {
  for (let start = 0; start < itemIds.length; start += EVENTS_PER_CALL) {
    await service.events.send(
      new PutEventsCommand({
        trackingId,
        ...who,
        eventList: itemIds.slice(start, start + EVENTS_PER_CALL).map((itemId, k) => ({
          eventType: 'click',
          itemId,
          sentAt: new Date(1_700_200_000_000 + (start + k) * 1000),
        })),
      }),
    );
  }
}

/** An item's GENRES in the Items data: its taste and itself, as a categorical list. */
export const genresOf = (itemId: string) => `${itemId[0]}-taste|${itemId}`;

/**
 * Items 0–29 of both tastes (`a-item-*`, `b-item-*`), some without interactions, imported into
 * a new Items dataset of the group (of the group's domain, when it has one); returns its ARN.
 */
export async function importTwoTastesItems(
  service: TestService,
  datasetGroupArn: string,
  name: string,
  creationTimestamp: number,
  domain?: Domain,
): Promise<string> {
  const { schemaArn } = await service.personalize.send(
    new CreateSchemaCommand({ name: `${name}-items`, schema: ITEMS_SCHEMA, domain }),
  );
  const { datasetArn } = await service.personalize.send(
    new CreateDatasetCommand({
      name: `${name}-items`,
      schemaArn,
      datasetGroupArn,
      datasetType: 'Items',
    }),
  );
  const rows = ['ITEM_ID,GENRES,CREATION_TIMESTAMP'];
  for (const taste of ['a', 'b']) {
    for (let i = 0; i < 30; i++) {
      rows.push(`${taste}-item-${i},${genresOf(`${taste}-item-${i}`)},${creationTimestamp}`);
    }
  }
  await putObject(service, name, 'items.csv', `${rows.join('\n')}\n`);
  const job = await importCsv(service, datasetArn!, `${name}-items`, `s3://${name}/items.csv`);
  if (job.status !== 'ACTIVE') throw new Error(`items import failed: ${job.failureReason}`);
  return datasetArn!;
}

/** Trains one solution per entry, in parallel; returns each one's ACTIVE version ARN by name. */
export async function trainVersions(
  service: TestService,
  datasetGroupArn: string,
  recipes: Record<
    string,
    string | { recipe: string; algorithmHyperParameters: Record<string, string> }
  >,
): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(
      Object.entries(recipes).map(async ([name, given]) => {
        const { recipe, algorithmHyperParameters } =
          typeof given === 'string'
            ? { recipe: given, algorithmHyperParameters: undefined }
            : given;
        const { version } = await trainSolution(service, {
          name,
          datasetGroupArn,
          recipeArn: recipeArn(recipe),
          ...(algorithmHyperParameters ? { solutionConfig: { algorithmHyperParameters } } : {}),
        });
        if (version.status !== 'ACTIVE') throw new Error(`${name}: ${version.failureReason}`);
        return [name, version.solutionVersionArn!] as const;
      }),
    ),
  );
}
