/**
 * One line of a batch inference job: its input parsed and checked as the runtime checks a
 * request, answered by the runtime's own functions (serving/runtime.ts), and written back in
 * Personalize's batch form: `{"input": ..., "output": {"recommendedItems": [...], "scores":
 * [...]}, "error": null}`. A line that cannot be answered gets `"output": null` and the reason in
 * `error`; the job goes on.
 */
import * as z from 'zod';
import type { Context } from '../context/context';
import { ServiceError } from '../api/errors';
import * as shape from '../api/shapes';
import { parseInput } from '../api/validation';
import { filterValuesShape } from '../filters/values';
import type { RecipeType } from '../recipes/catalogue';
import type { ServingSource } from '../serving/deployments';
import { filterOf } from '../serving/filtering';
import { rankingFrom, recommendationsFrom, type PredictedItem } from '../serving/runtime';

/** What the job asks of every line. */
export interface LineJob {
  source: ServingSource;
  recipeType: RecipeType;
  numResults: number;
  filterArn?: string | undefined;
}

export interface LineOutput {
  recommendedItems: string[];
  /** Aligned with recommendedItems; null for an item the model has no score for (explored). */
  scores?: (number | null)[];
}

export interface AnsweredLine {
  /** The line as read: its JSON value, or its text when it is no JSON. */
  input: unknown;
  output: LineOutput | null;
  error: string | null;
}

/** Each recipe type's input line, as Personalize documents it, with filterValues beside. */
const filterValues = filterValuesShape().optional();
const userLine = z.object({ userId: shape.id(), filterValues });
const itemLine = z.object({ itemId: shape.id(), filterValues });
// GetPersonalizedRanking's bound on its inputList.
const rankingLine = z.object({
  userId: shape.id(),
  itemList: shape.list(shape.id(), 1, 500),
  filterValues,
});

export async function answerLine(ctx: Context, job: LineJob, text: string): Promise<AnsweredLine> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return failed(text, `The line is not JSON: ${(error as Error).message}.`);
  }
  try {
    return { input, output: await recommend(ctx, job, input), error: null };
  } catch (error) {
    // A request error is the line's; anything else (a store failing) is the job's.
    if (error instanceof ServiceError && error.statusCode === 400)
      return failed(input, error.message);
    throw error;
  }
}

const failed = (input: unknown, error: string): AnsweredLine => ({ input, output: null, error });

async function recommend(ctx: Context, job: LineJob, input: unknown): Promise<LineOutput> {
  const { source, recipeType, numResults } = job;
  const filterArn = job.filterArn;
  if (recipeType === 'PERSONALIZED_RANKING') {
    const line = parseInput(rankingLine, input);
    const filter = filterOf({ filterArn, filterValues: line.filterValues });
    const { personalizedRanking } = await rankingFrom(ctx, source, {
      userId: line.userId,
      inputList: line.itemList,
      ...(filter ? { filter } : {}),
    });
    return outputOf(personalizedRanking);
  }
  const line =
    recipeType === 'RELATED_ITEMS'
      ? { ...parseInput(itemLine, input), userId: undefined }
      : { ...parseInput(userLine, input), itemId: undefined };
  const filter = filterOf({ filterArn, filterValues: line.filterValues });
  const { itemList } = await recommendationsFrom(ctx, source, {
    ...(line.userId !== undefined ? { userId: line.userId } : {}),
    ...(line.itemId !== undefined ? { itemId: line.itemId } : {}),
    numResults,
    ...(filter ? { filter } : {}),
  });
  return outputOf(itemList);
}

/** Scores only where the runtime gives them: related items, for one, have none. */
function outputOf(items: readonly PredictedItem[]): LineOutput {
  const recommendedItems = items.map((item) => item.itemId);
  if (!items.some((item) => item.score !== undefined)) return { recommendedItems };
  return { recommendedItems, scores: items.map((item) => item.score ?? null) };
}
