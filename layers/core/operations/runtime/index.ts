/** The runtime API (restJson1), each operation at its `route`, as the events API is served. */
import type { Operation } from '../operation';
import getPersonalizedRanking from './get-personalized-ranking';
import getRecommendations from './get-recommendations';

export const RUNTIME_OPERATIONS: readonly Operation[] = [
  getRecommendations,
  getPersonalizedRanking,
];
