/**
 * aws-personalized-ranking (PERSONALIZED_RANKING): the iALS model of aws-user-personalization
 * (ials/). It scores every item the same way; the runtime reads the scores of the input list.
 */
import { ialsRecipe } from './ials/recipe';

export const personalizedRanking = ialsRecipe('aws-personalized-ranking');
