/** The control-plane operations, by the name after `AmazonPersonalize.` in X-Amz-Target. */
import type { Operation } from './operation';
import createDatasetGroup from './dataset-groups/create-dataset-group';
import deleteDatasetGroup from './dataset-groups/delete-dataset-group';
import describeDatasetGroup from './dataset-groups/describe-dataset-group';
import listDatasetGroups from './dataset-groups/list-dataset-groups';
import describeAlgorithm from './recipes/describe-algorithm';
import describeFeatureTransformation from './recipes/describe-feature-transformation';
import describeRecipe from './recipes/describe-recipe';
import listRecipes from './recipes/list-recipes';
import createSchema from './schemas/create-schema';
import describeSchema from './schemas/describe-schema';
import listSchemas from './schemas/list-schemas';
import deleteSchema from './schemas/delete-schema';
import createDataset from './datasets/create-dataset';
import describeDataset from './datasets/describe-dataset';
import listDatasets from './datasets/list-datasets';
import updateDataset from './datasets/update-dataset';
import deleteDataset from './datasets/delete-dataset';
import createEventTracker from './event-trackers/create-event-tracker';
import describeEventTracker from './event-trackers/describe-event-tracker';
import listEventTrackers from './event-trackers/list-event-trackers';
import deleteEventTracker from './event-trackers/delete-event-tracker';
import tagResource from './tags/tag-resource';
import untagResource from './tags/untag-resource';
import listTagsForResource from './tags/list-tags-for-resource';
import createDatasetImportJob from './dataset-import-jobs/create-dataset-import-job';
import describeDatasetImportJob from './dataset-import-jobs/describe-dataset-import-job';
import listDatasetImportJobs from './dataset-import-jobs/list-dataset-import-jobs';
import createDatasetExportJob from './dataset-export-jobs/create-dataset-export-job';
import describeDatasetExportJob from './dataset-export-jobs/describe-dataset-export-job';
import listDatasetExportJobs from './dataset-export-jobs/list-dataset-export-jobs';
import createDataDeletionJob from './data-deletion-jobs/create-data-deletion-job';
import describeDataDeletionJob from './data-deletion-jobs/describe-data-deletion-job';
import listDataDeletionJobs from './data-deletion-jobs/list-data-deletion-jobs';
import createSolution from './solutions/create-solution';
import describeSolution from './solutions/describe-solution';
import listSolutions from './solutions/list-solutions';
import updateSolution from './solutions/update-solution';
import deleteSolution from './solutions/delete-solution';
import createSolutionVersion from './solution-versions/create-solution-version';
import describeSolutionVersion from './solution-versions/describe-solution-version';
import listSolutionVersions from './solution-versions/list-solution-versions';
import stopSolutionVersionCreation from './solution-versions/stop-solution-version-creation';
import getSolutionMetrics from './solution-versions/get-solution-metrics';
import createCampaign from './campaigns/create-campaign';
import describeCampaign from './campaigns/describe-campaign';
import listCampaigns from './campaigns/list-campaigns';
import updateCampaign from './campaigns/update-campaign';
import deleteCampaign from './campaigns/delete-campaign';
import createFilter from './filters/create-filter';
import describeFilter from './filters/describe-filter';
import listFilters from './filters/list-filters';
import deleteFilter from './filters/delete-filter';
import createBatchInferenceJob from './batch-inference-jobs/create-batch-inference-job';
import describeBatchInferenceJob from './batch-inference-jobs/describe-batch-inference-job';
import listBatchInferenceJobs from './batch-inference-jobs/list-batch-inference-jobs';
import createRecommender from './recommenders/create-recommender';
import describeRecommender from './recommenders/describe-recommender';
import listRecommenders from './recommenders/list-recommenders';
import updateRecommender from './recommenders/update-recommender';
import deleteRecommender from './recommenders/delete-recommender';
import startRecommender from './recommenders/start-recommender';
import stopRecommender from './recommenders/stop-recommender';

export const CONTROL_OPERATIONS: readonly Operation[] = [
  createDatasetGroup,
  describeDatasetGroup,
  listDatasetGroups,
  deleteDatasetGroup,
  createSchema,
  describeSchema,
  listSchemas,
  deleteSchema,
  createDataset,
  describeDataset,
  listDatasets,
  updateDataset,
  deleteDataset,
  createEventTracker,
  describeEventTracker,
  listEventTrackers,
  deleteEventTracker,
  tagResource,
  untagResource,
  listTagsForResource,
  listRecipes,
  describeRecipe,
  describeAlgorithm,
  describeFeatureTransformation,
  createDatasetImportJob,
  describeDatasetImportJob,
  listDatasetImportJobs,
  createDatasetExportJob,
  describeDatasetExportJob,
  listDatasetExportJobs,
  createDataDeletionJob,
  describeDataDeletionJob,
  listDataDeletionJobs,
  createSolution,
  describeSolution,
  listSolutions,
  updateSolution,
  deleteSolution,
  createSolutionVersion,
  describeSolutionVersion,
  listSolutionVersions,
  stopSolutionVersionCreation,
  getSolutionMetrics,
  createCampaign,
  describeCampaign,
  listCampaigns,
  updateCampaign,
  deleteCampaign,
  createFilter,
  describeFilter,
  listFilters,
  deleteFilter,
  createBatchInferenceJob,
  createRecommender,
  describeRecommender,
  listRecommenders,
  updateRecommender,
  deleteRecommender,
  startRecommender,
  stopRecommender,
  describeBatchInferenceJob,
  listBatchInferenceJobs,
];
