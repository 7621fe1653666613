/** The kinds of resource Tailor keeps, with the words Personalize uses for them in messages. */
export const RESOURCE_KINDS = {
  'dataset-group': { label: 'dataset group', taggable: true },
  schema: { label: 'schema', taggable: false },
  dataset: { label: 'dataset', taggable: true },
  'event-tracker': { label: 'event tracker', taggable: true },
  'dataset-import-job': { label: 'dataset import job', taggable: true },
  'dataset-export-job': { label: 'dataset export job', taggable: true },
  'data-deletion-job': { label: 'data deletion job', taggable: true },
  solution: { label: 'solution', taggable: true },
  'solution-version': { label: 'solution version', taggable: false },
  campaign: { label: 'campaign', taggable: true },
  filter: { label: 'filter', taggable: true },
  'batch-inference-job': { label: 'batch inference job', taggable: true },
  recommender: { label: 'recommender', taggable: true },
  'recommender-training': { label: 'recommender training', taggable: false },
} as const;

export type ResourceKind = keyof typeof RESOURCE_KINDS;

export const kindLabel = (kind: ResourceKind): string => RESOURCE_KINDS[kind].label;
