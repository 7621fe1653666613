/** Every job kind's definition, for the runner of each platform. */
import { batchInference } from './batch-inference';
import { dataDeletion } from './data-deletion';
import { datasetExport } from './dataset-export';
import { datasetImport } from './dataset-import';
import { recommenderRetraining, recommenderTraining } from '../training/train-recommender';
import { training } from '../training/train-solution-version';
import type { JobDefinitions } from '../context/job-definition';

export const JOBS: JobDefinitions = {
  'dataset-import': datasetImport,
  'dataset-export': datasetExport,
  'data-deletion': dataDeletion,
  training,
  'batch-inference': batchInference,
  'recommender-training': recommenderTraining,
  'recommender-retraining': recommenderRetraining,
};
