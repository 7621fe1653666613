/**
 * The request members GetRecommendations and GetPersonalizedRanking share, and the checks on
 * them that the shape alone cannot make.
 */
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import * as shape from '../../api/shapes';
import { excerpt } from '../../api/validation';
import { MAX_PARAMETER_NAME_LENGTH, MAX_PARAMETERS } from '../../filters/tokens';
import type { PromotionRequest } from '../../serving/promotions';

const MAX_CONTEXT_ENTRIES = 150;

/** Context keys and values, as Personalize bounds them; Tailor's recipes learn no context. */
const contextMap = () => z.record(shape.text(1, 150), shape.text(0, 1000));
const filterValues = () => z.record(shape.text(1, MAX_PARAMETER_NAME_LENGTH), shape.text(0, 1000));

export const sharedMembers = {
  context: contextMap().optional(),
  filterArn: shape.arn().optional(),
  filterValues: filterValues().optional(),
  metadataColumns: z.record(shape.text(0, 256), shape.list(shape.text(1, 150), 0, 10)).optional(),
};

export const promotion = () =>
  z.object({
    name: shape.name().optional(),
    percentPromotedItems: shape.integer(1, 100).optional(),
    filterArn: shape.arn().optional(),
    filterValues: filterValues().optional(),
  });

interface Shared {
  context?: Record<string, string> | undefined;
  filterValues?: Record<string, string> | undefined;
  metadataColumns?: Record<string, string[]> | undefined;
}

/**
 * Checks the entry counts Personalize limits and the metadataColumns key; returns the Items
 * columns asked for.
 */
export function checkShared(input: Shared): string[] | undefined {
  const problems: string[] = [];
  const count = (map: object | undefined) => Object.keys(map ?? {}).length;
  if (count(input.context) > MAX_CONTEXT_ENTRIES) {
    problems.push(`context may hold at most ${MAX_CONTEXT_ENTRIES} entries`);
  }
  if (count(input.filterValues) > MAX_PARAMETERS) {
    problems.push(`filterValues may hold at most ${MAX_PARAMETERS} entries`);
  }
  const other = Object.keys(input.metadataColumns ?? {}).filter((key) => key !== 'ITEMS');
  if (other.length > 0) {
    problems.push(`metadataColumns takes only the key ITEMS, got ${excerpt(other.join(', '))}`);
  }
  if (problems.length > 0) throw new InvalidInputException(`${problems.join('; ')}.`);
  return input.metadataColumns?.ITEMS;
}

/**
 * The request's promotion for the runtime. The API model leaves its members optional, but a
 * promotion without a filter or a share promotes nothing: such a request is refused rather than
 * served as if the promotion were applied.
 */
export function promotionOf(
  promotions: readonly z.infer<ReturnType<typeof promotion>>[] | undefined,
): PromotionRequest | undefined {
  const given = promotions?.[0];
  if (!given) return undefined;
  const { name, percentPromotedItems, filterArn, filterValues } = given;
  if (filterArn === undefined || percentPromotedItems === undefined) {
    throw new InvalidInputException(
      `A promotion needs a filterArn (the items it promotes) and percentPromotedItems (their share of the list); ${name ? `promotion ${name}` : 'the promotion'} lacks ${[filterArn === undefined && 'filterArn', percentPromotedItems === undefined && 'percentPromotedItems'].filter(Boolean).join(' and ')}.`,
    );
  }
  return {
    percentPromotedItems,
    filterArn,
    ...(name !== undefined ? { name } : {}),
    ...(filterValues ? { filterValues } : {}),
  };
}

/** The request's filter for the runtime: its ARN and filterValues; undefined without a filterArn. */
export function filterOf(input: {
  filterArn?: string | undefined;
  filterValues?: Record<string, string> | undefined;
}): { filterArn: string; filterValues?: Record<string, string> } | undefined {
  if (input.filterArn === undefined) return undefined;
  return {
    filterArn: input.filterArn,
    ...(input.filterValues ? { filterValues: input.filterValues } : {}),
  };
}
