/**
 * The request members GetRecommendations and GetPersonalizedRanking share, and the checks on
 * them that the shape alone cannot make.
 */
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import * as shape from '../../api/shapes';
import { excerpt } from '../../api/validation';
import { filterValuesShape } from '../../filters/values';
import type { PromotionRequest } from '../../serving/promotions';

/** Context keys and values, as Personalize bounds them; Tailor's recipes learn no context. */
const contextMap = () =>
  shape.map(
    shape.pattern(shape.text(0, 150), /^[A-Za-z\d_]+$/, '[A-Za-z\\d_]+'),
    shape.text(0, 1000),
    150,
  );

/**
 * The columns to return, by dataset type (only ITEMS has any). The model lets a list have 99;
 * Personalize documents 10 as the most, which Tailor refuses at the shape.
 */
const metadataColumns = () =>
  shape.map(shape.text(0, 256), shape.list(shape.text(0, 150), 0, 10), 1);

export const sharedMembers = {
  context: contextMap().optional(),
  filterArn: shape.arn().optional(),
  filterValues: filterValuesShape().optional(),
  metadataColumns: metadataColumns().optional(),
};

export const promotion = () =>
  z.object({
    name: shape.name().optional(),
    percentPromotedItems: shape.integer(1, 100).optional(),
    filterArn: shape.arn().optional(),
    filterValues: filterValuesShape().optional(),
  });

interface Shared {
  metadataColumns?: Record<string, string[]> | undefined;
}

/**
 * Checks the metadataColumns key, which the shape leaves to any dataset type; returns the Items
 * columns asked for.
 */
export function checkShared(input: Shared): string[] | undefined {
  const other = Object.keys(input.metadataColumns ?? {}).filter((key) => key !== 'ITEMS');
  if (other.length > 0) {
    throw new InvalidInputException(
      `metadataColumns takes only the key ITEMS, got ${excerpt(other.join(', '))}.`,
    );
  }
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
