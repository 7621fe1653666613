/**
 * What a resource kind that retrains on a schedule does, for automatic training's one runner
 * (operations/scheduled/scheduled-training.ts), which registers the kinds in SCHEDULED_KINDS.
 * Each kind defines itself beside its operations, which import only this, so no folder imports
 * the runner and the runner imports them (docs/design.md: Where to add).
 */
import type { ResourceKind } from '../domain/kinds';
import type { AttributesOf, RecordOf } from '../domain/records';
import type { Context } from './context';

/**
 * The kinds whose attributes keep a schedule (`nextAutoTrainingAt`, as an ISO 8601 time) for a
 * model trained on a dataset group's data.
 */
export type KindWithSchedule = {
  [K in ResourceKind]: 'nextAutoTrainingAt' extends keyof AttributesOf[K]
    ? AttributesOf[K] extends { nextAutoTrainingAt?: string; datasetGroupArn: string }
      ? K
      : never
    : never;
}[ResourceKind];

/** A resource kind that retrains on a schedule kept in its `nextAutoTrainingAt` attribute. */
export interface SchedulableKind<K extends KindWithSchedule> {
  kind: K;
  /** The schedule's period in milliseconds; undefined while automatic training is off. */
  periodMs(record: RecordOf<K>): number | undefined;
  /**
   * Where the data of its newest trained model ends (what that training read up to); undefined
   * before its first model, when a due training always starts.
   */
  trainedUntil(ctx: Context, record: RecordOf<K>): Promise<number | undefined>;
  /** Still training from an earlier start: left for a later tick, never started twice. */
  busy(ctx: Context, record: RecordOf<K>): Promise<boolean>;
  /** Starts one automatic training; answers the ARN of what it started. */
  start(ctx: Context, record: RecordOf<K>): Promise<string>;
}

/** Any one of them. */
export type AnySchedulable = { [K in KindWithSchedule]: SchedulableKind<K> }[KindWithSchedule];
