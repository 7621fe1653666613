import type { Interactions } from '../recipes/recipe';
import { JobFailure } from '../domain/jobs';

/** Personalize's minimums: 1,000 interactions and 25 users with at least 2 each. */
export const MIN_INTERACTIONS = 1000;
export const MIN_USERS_WITH_TWO = 25;

export function checkMinimumData(data: Interactions): void {
  const interactions = data.item.length;
  let usersWithTwo = 0;
  for (let u = 0; u < data.userIds.length; u++) {
    if (data.userStart[u + 1]! - data.userStart[u]! >= 2) usersWithTwo++;
  }
  if (interactions < MIN_INTERACTIONS || usersWithTwo < MIN_USERS_WITH_TWO) {
    throw new JobFailure(
      `Insufficient data for training: a solution needs at least ${MIN_INTERACTIONS} interactions and at least ${MIN_USERS_WITH_TWO} unique users with at least 2 interactions each, after filtering by event type and value. This dataset group has ${interactions} interactions and ${usersWithTwo} users with at least 2.`,
    );
  }
}
