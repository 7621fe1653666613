/**
 * The runtime API (GetRecommendations, GetPersonalizedRanking: REST JSON at
 * /recommendations, /personalize-ranking). A warm container reads each model
 * from S3 once; requests read only DynamoDB.
 */
import { RUNTIME_OPERATIONS } from '@tailor/core';
import { apiHandler } from '../shared/handler';

export const handler = apiHandler('runtime', RUNTIME_OPERATIONS);
