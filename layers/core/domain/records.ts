/**
 * A stored resource and the typed registry of kinds: `RecordOf<'solution-version'>` is a
 * solution version's record, so a lookup by kind (resources/lifecycle.ts's requireResource)
 * returns the right attributes without a hand-written type beside each call.
 */
import type { BatchInferenceJobAttributes } from './batch-inference-job';
import type { CampaignAttributes } from './campaign';
import type { DataDeletionJobAttributes } from './data-deletion-job';
import type { DatasetAttributes } from './dataset';
import type { DatasetExportJobAttributes } from './dataset-export-job';
import type { DatasetGroupAttributes } from './dataset-group';
import type { DatasetImportJobAttributes } from './dataset-import-job';
import type { EventTrackerAttributes } from './event-tracker';
import type { FilterAttributes } from './filter';
import type { ResourceKind } from './kinds';
import type { RecommenderAttributes, RecommenderTrainingAttributes } from './recommender';
import type { SchemaAttributes } from './schema';
import type { SolutionAttributes } from './solution';
import type { SolutionVersionAttributes } from './solution-version';

export type Attributes = Record<string, unknown>;

export interface ResourceRecord<A extends Attributes = Attributes> {
  arn: string;
  kind: ResourceKind;
  /** The resource this one belongs to: it scopes listing and blocks the parent's deletion. */
  parentArn?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  attributes: A;
  tags: Record<string, string>;
}

/** A position in a listing, opaque to the core; the API seals it into a nextToken. */
export type PageKey = Record<string, string | number>;

/** Each kind's attributes; a kind missing here fails to compile where it is looked up. */
export interface AttributesOf {
  'dataset-group': DatasetGroupAttributes;
  schema: SchemaAttributes;
  dataset: DatasetAttributes;
  'event-tracker': EventTrackerAttributes;
  'dataset-import-job': DatasetImportJobAttributes;
  'dataset-export-job': DatasetExportJobAttributes;
  'data-deletion-job': DataDeletionJobAttributes;
  solution: SolutionAttributes;
  'solution-version': SolutionVersionAttributes;
  campaign: CampaignAttributes;
  filter: FilterAttributes;
  'batch-inference-job': BatchInferenceJobAttributes;
  recommender: RecommenderAttributes;
  'recommender-training': RecommenderTrainingAttributes;
}

export type RecordOf<K extends ResourceKind> = ResourceRecord<AttributesOf[K]>;
