import type { ResourceRecord } from './records';
import type { DatasetColumns } from './solution';

/** A recommender's recommenderConfig, as CreateRecommender and UpdateRecommender take it. */
export type RecommenderConfig = {
  /** Tuning of exploration, values as strings (the model's HyperParameters). */
  itemExplorationConfig?: Record<string, string>;
  minRecommendationRequestsPerSecond?: number;
  trainingDataConfig?: {
    excludedDatasetColumns?: DatasetColumns;
    includedDatasetColumns?: DatasetColumns;
  };
  enableMetadataWithRecommendations?: boolean;
};

/** One UpdateRecommender: the config it asked for and how applying it went. */
export type RecommenderUpdate = {
  recommenderConfig: RecommenderConfig;
  status: string;
  failureReason?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
};

/**
 * A recommender's statuses beyond the job lifecycle's (domain/jobs.ts): StopRecommender and
 * StartRecommender take effect at once, so the PENDING and IN_PROGRESS steps Personalize shows
 * between them are never observed here.
 */
export const INACTIVE = 'INACTIVE';

export type RecommenderAttributes = {
  name: string;
  datasetGroupArn: string;
  /** The use case (recipes/use-cases.ts) it serves. */
  recipeArn: string;
  recommenderConfig: RecommenderConfig;
  status: string;
  failureReason?: string;
  /** Absent until the first UpdateRecommender, as Personalize leaves latestRecommenderUpdate out. */
  latestUpdate?: RecommenderUpdate;
  /** The evaluation of its newest trained model on held-out users. */
  metrics?: Record<string, number>;
  /**
   * Where its newest trained model is stored (data/locations.ts's modelLocation): a new key
   * per training, so a process serving the former model loads the new one on its next read.
   */
  modelArn?: string;
  /** Epoch ms of the moment its newest model trained up to: events recorded later are new to it. */
  trainedUntil?: number;
  /**
   * When Personalize's weekly retraining is next due, in ISO 8601 as automatic training keeps
   * it (operations/scheduled/scheduled-training.ts); set once the first model is trained.
   */
  nextAutoTrainingAt?: string;
};

/**
 * One retraining of an ACTIVE recommender, a job of its own under the recommender: the recommender
 * keeps serving its former model until the new one is trained, and keeps it if training fails.
 */
export type RecommenderTrainingAttributes = {
  recommenderArn: string;
  status: string;
  failureReason?: string;
};

export type RecommenderRecord = ResourceRecord<RecommenderAttributes>;
