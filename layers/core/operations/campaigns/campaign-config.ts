/**
 * campaignConfig as CreateCampaign and UpdateCampaign take it: the shape here, and the checks
 * that need the deployed recipe in `checkCampaignConfig`.
 */
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import * as shape from '../../api/shapes';
import type { RecipeSpec } from '../../recipes/catalogue';
import type { CampaignConfig } from '../../domain/campaign';

export const campaignConfig = () =>
  z.object({
    // The model's HyperParameters: values up to 1000 characters, 100 entries.
    itemExplorationConfig: shape.map(shape.text(0, 256), shape.text(0, 1000), 100).optional(),
    enableMetadataWithRecommendations: z.boolean().optional(),
    syncWithLatestSolutionVersion: z.boolean().optional(),
    rankingInfluence: z
      .partialRecord(z.enum(['POPULARITY', 'FRESHNESS']), shape.double(0, 1))
      .optional(),
  }) satisfies z.ZodType<CampaignConfig>;

/** The keys of itemExplorationConfig, with the range each value must lie in. */
const EXPLORATION = {
  explorationWeight: { min: 0, max: 1, rule: 'a number from 0 to 1' },
  explorationItemAgeCutOff: {
    min: Number.MIN_VALUE,
    max: Infinity,
    rule: 'a number of days above 0',
  },
} as const;

const EXPLORING_RECIPE = 'aws-user-personalization';

/** Every problem with the config for this recipe, in one InvalidInputException. */
export function checkCampaignConfig(recipe: RecipeSpec, config: CampaignConfig): void {
  const problems: string[] = [];
  const exploration = config.itemExplorationConfig;
  if (exploration && recipe.name !== EXPLORING_RECIPE) {
    problems.push(
      `itemExplorationConfig applies to solutions of ${EXPLORING_RECIPE}; this one uses ${recipe.name}`,
    );
  }
  for (const [key, value] of Object.entries(exploration ?? {})) {
    const spec = EXPLORATION[key as keyof typeof EXPLORATION];
    if (!spec) {
      problems.push(
        `itemExplorationConfig has no key "${key}" (it takes ${Object.keys(EXPLORATION).join(', ')})`,
      );
      continue;
    }
    const number = Number(value);
    if (value.trim() === '' || !(number >= spec.min && number <= spec.max)) {
      problems.push(`itemExplorationConfig.${key} must be ${spec.rule}, got "${value}"`);
    }
  }
  if (config.rankingInfluence) {
    problems.push(
      'rankingInfluence applies to aws-user-personalization-v2, which Tailor does not implement',
    );
  }
  if (problems.length > 0) throw new InvalidInputException(`${problems.join('; ')}.`);
}
