/**
 * aws-user-personalization (USER_PERSONALIZATION): implicit-feedback matrix factorisation
 * (iALS, ials/), scoring the catalogue for a known user from their learned factor and for a new
 * or anonymous user by folding in their recorded events.
 */
import { ialsRecipe } from './ials/recipe';

export const userPersonalization = ialsRecipe('aws-user-personalization');
