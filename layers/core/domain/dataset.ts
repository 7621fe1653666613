import type { DataOverview } from './data-overview';
import type { ResourceRecord } from './records';

export type DatasetType = 'INTERACTIONS' | 'ITEMS' | 'USERS' | 'ACTIONS' | 'ACTION_INTERACTIONS';

export const DATASET_TYPES: readonly DatasetType[] = Object.freeze([
  'INTERACTIONS',
  'ITEMS',
  'USERS',
  'ACTIONS',
  'ACTION_INTERACTIONS',
] as const);

/** A dataset whose data DeleteDataset is removing (it claims the dataset, see delete-dataset.ts). */
export const DELETING = 'DELETE IN_PROGRESS';

export type DatasetUpdate = {
  schemaArn: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  /** Bulk rows stored after an import: a Tailor extension that raw JSON clients can read. */
  recordCount?: number;
  /** An Interactions dataset's bulk data after the import, counted: a Tailor extension too. */
  dataOverview?: DataOverview;
};

export type DatasetAttributes = {
  name: string;
  datasetGroupArn: string;
  datasetType: DatasetType;
  schemaArn: string;
  status: string;
  latestUpdate?: DatasetUpdate;
  /** Held while a job (an import, a data deletion) rewrites the dataset's data. */
  importJobArn?: string;
};

export type DatasetRecord = ResourceRecord<DatasetAttributes>;
