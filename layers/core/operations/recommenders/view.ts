import type { RecommenderConfig, RecommenderRecord } from '../../domain/recommender';
import { seconds } from '../../resources/lifecycle';

const showConfig = (config: RecommenderConfig) => ({
  ...config,
  minRecommendationRequestsPerSecond: config.minRecommendationRequestsPerSecond ?? 1,
  enableMetadataWithRecommendations: config.enableMetadataWithRecommendations ?? false,
});

export const summarizeRecommender = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: RecommenderRecord) => ({
  name: a.name,
  recommenderArn: arn,
  datasetGroupArn: a.datasetGroupArn,
  recipeArn: a.recipeArn,
  recommenderConfig: showConfig(a.recommenderConfig),
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
});

export const describeRecommender = (record: RecommenderRecord) => {
  const { attributes: a } = record;
  const update = a.latestUpdate;
  return {
    ...summarizeRecommender(record),
    failureReason: a.failureReason,
    modelMetrics: a.metrics,
    latestRecommenderUpdate: update && {
      recommenderConfig: showConfig(update.recommenderConfig),
      status: update.status,
      failureReason: update.failureReason,
      creationDateTime: seconds(update.createdAt),
      lastUpdatedDateTime: seconds(update.updatedAt),
    },
  };
};
