/**
 * Automatic training's schedule: a solution's `schedulingExpression`, `rate(N days)` with N from
 * 1 to 30, the default every 7 days, and the first automatic version an hour after automatic
 * training is turned on (docs/deploy.md: Automatic training).
 */

export const DEFAULT_SCHEDULE = 'rate(7 days)';
export const SCHEDULE_FORM = 'rate(N days) with N from 1 to 30';
/** The first automatic version is due this long after the solution is created or turned on. */
export const FIRST_AUTO_TRAINING_DELAY_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const RATE = /^rate\((\d+) days?\)$/;

/** The period of a valid expression in milliseconds; undefined for any other string. */
export function schedulePeriodMs(expression: string): number | undefined {
  const days = Number(RATE.exec(expression)?.[1]);
  return Number.isInteger(days) && days >= 1 && days <= 30 ? days * DAY_MS : undefined;
}

/** The next due time after `now` on a cadence that was due at `due`: missed periods are not run twice. */
export function nextDue(due: number, periodMs: number, now: number): number {
  return due + periodMs * (Math.floor(Math.max(0, now - due) / periodMs) + 1);
}

/** A solution's schedule: its own, or every 7 days. */
export const scheduleOf = (config?: { autoTrainingConfig?: { schedulingExpression?: string } }) =>
  config?.autoTrainingConfig?.schedulingExpression ?? DEFAULT_SCHEDULE;

/** The schedule's attributes once automatic training is turned on at `now`. */
export const firstAutoTraining = (now: number) => ({
  nextAutoTrainingAt: new Date(now + FIRST_AUTO_TRAINING_DELAY_MS).toISOString(),
  firstAutoTrainingPending: true,
});

/** The schedule's attributes while automatic training is off: none. */
export const NO_AUTO_TRAINING = {
  nextAutoTrainingAt: undefined,
  firstAutoTrainingPending: undefined,
};
