/**
 * recommenderConfig as CreateRecommender and UpdateRecommender take it: the shape here, and the
 * checks that need the use case in `checkRecommenderConfig`.
 */
import * as z from 'zod';
import type { RecommenderConfig } from '../../domain/recommender';
import type { UseCase } from '../../recipes/use-cases';
import { campaignConfig, checkCampaignConfig } from '../campaigns/campaign-config';
import { minProvisionedTPS } from '../campaigns/shapes';
import { datasetColumns } from '../solutions/solution-config';

export const recommenderConfig = () =>
  z.object({
    itemExplorationConfig: campaignConfig().shape.itemExplorationConfig,
    minRecommendationRequestsPerSecond: minProvisionedTPS().optional(),
    trainingDataConfig: z
      .object({
        excludedDatasetColumns: datasetColumns().optional(),
        includedDatasetColumns: datasetColumns().optional(),
      })
      .optional(),
    enableMetadataWithRecommendations: z.boolean().optional(),
  }) satisfies z.ZodType<RecommenderConfig>;

/** Exploration tunes the personalized use cases only, as it tunes aws-user-personalization. */
export function checkRecommenderConfig(useCase: UseCase, config: RecommenderConfig): void {
  if (config.itemExplorationConfig) {
    checkCampaignConfig(useCase.trainedBy, {
      itemExplorationConfig: config.itemExplorationConfig,
    });
  }
}
