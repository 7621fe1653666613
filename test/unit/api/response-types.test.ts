/**
 * What each operation answers, held against the official clients' response types at any depth:
 * the handlers' `satisfies Wire<...Response>` checks only the top level of an answer, so a member
 * a view adds deeper down would go unseen. Checked by `tsc --noEmit` (npm test's first step), as
 * ts-jest only transpiles; the test itself checks that the table covers every operation.
 */
import type * as Control from '@aws-sdk/client-personalize';
import type * as Runtime from '@aws-sdk/client-personalize-runtime';
import type { Operation } from '../../../layers/core/operations/operation';
import { CONTROL_OPERATIONS } from '../../../layers/core/operations';
import { RUNTIME_OPERATIONS } from '../../../layers/core/operations/runtime';
import type createBatchInferenceJob from '../../../layers/core/operations/batch-inference-jobs/create-batch-inference-job';
import type createCampaign from '../../../layers/core/operations/campaigns/create-campaign';
import type createDataDeletionJob from '../../../layers/core/operations/data-deletion-jobs/create-data-deletion-job';
import type createDataset from '../../../layers/core/operations/datasets/create-dataset';
import type createDatasetExportJob from '../../../layers/core/operations/dataset-export-jobs/create-dataset-export-job';
import type createDatasetGroup from '../../../layers/core/operations/dataset-groups/create-dataset-group';
import type createDatasetImportJob from '../../../layers/core/operations/dataset-import-jobs/create-dataset-import-job';
import type createEventTracker from '../../../layers/core/operations/event-trackers/create-event-tracker';
import type createFilter from '../../../layers/core/operations/filters/create-filter';
import type createSchema from '../../../layers/core/operations/schemas/create-schema';
import type createSolution from '../../../layers/core/operations/solutions/create-solution';
import type createSolutionVersion from '../../../layers/core/operations/solution-versions/create-solution-version';
import type describeAlgorithm from '../../../layers/core/operations/recipes/describe-algorithm';
import type describeBatchInferenceJob from '../../../layers/core/operations/batch-inference-jobs/describe-batch-inference-job';
import type describeCampaign from '../../../layers/core/operations/campaigns/describe-campaign';
import type describeDataDeletionJob from '../../../layers/core/operations/data-deletion-jobs/describe-data-deletion-job';
import type describeDataset from '../../../layers/core/operations/datasets/describe-dataset';
import type describeDatasetExportJob from '../../../layers/core/operations/dataset-export-jobs/describe-dataset-export-job';
import type describeDatasetGroup from '../../../layers/core/operations/dataset-groups/describe-dataset-group';
import type describeDatasetImportJob from '../../../layers/core/operations/dataset-import-jobs/describe-dataset-import-job';
import type describeEventTracker from '../../../layers/core/operations/event-trackers/describe-event-tracker';
import type describeFeatureTransformation from '../../../layers/core/operations/recipes/describe-feature-transformation';
import type describeFilter from '../../../layers/core/operations/filters/describe-filter';
import type describeRecipe from '../../../layers/core/operations/recipes/describe-recipe';
import type describeSchema from '../../../layers/core/operations/schemas/describe-schema';
import type describeSolution from '../../../layers/core/operations/solutions/describe-solution';
import type describeSolutionVersion from '../../../layers/core/operations/solution-versions/describe-solution-version';
import type getPersonalizedRanking from '../../../layers/core/operations/runtime/get-personalized-ranking';
import type getRecommendations from '../../../layers/core/operations/runtime/get-recommendations';
import type getSolutionMetrics from '../../../layers/core/operations/solution-versions/get-solution-metrics';
import type listBatchInferenceJobs from '../../../layers/core/operations/batch-inference-jobs/list-batch-inference-jobs';
import type listCampaigns from '../../../layers/core/operations/campaigns/list-campaigns';
import type listDataDeletionJobs from '../../../layers/core/operations/data-deletion-jobs/list-data-deletion-jobs';
import type listDatasetExportJobs from '../../../layers/core/operations/dataset-export-jobs/list-dataset-export-jobs';
import type listDatasetGroups from '../../../layers/core/operations/dataset-groups/list-dataset-groups';
import type listDatasetImportJobs from '../../../layers/core/operations/dataset-import-jobs/list-dataset-import-jobs';
import type listDatasets from '../../../layers/core/operations/datasets/list-datasets';
import type listEventTrackers from '../../../layers/core/operations/event-trackers/list-event-trackers';
import type listFilters from '../../../layers/core/operations/filters/list-filters';
import type listRecipes from '../../../layers/core/operations/recipes/list-recipes';
import type listSchemas from '../../../layers/core/operations/schemas/list-schemas';
import type listSolutionVersions from '../../../layers/core/operations/solution-versions/list-solution-versions';
import type listSolutions from '../../../layers/core/operations/solutions/list-solutions';
import type listTagsForResource from '../../../layers/core/operations/tags/list-tags-for-resource';
import type tagResource from '../../../layers/core/operations/tags/tag-resource';
import type untagResource from '../../../layers/core/operations/tags/untag-resource';
import type updateCampaign from '../../../layers/core/operations/campaigns/update-campaign';
import type updateDataset from '../../../layers/core/operations/datasets/update-dataset';
import type createRecommender from '../../../layers/core/operations/recommenders/create-recommender';
import type describeRecommender from '../../../layers/core/operations/recommenders/describe-recommender';
import type listRecommenders from '../../../layers/core/operations/recommenders/list-recommenders';
import type updateRecommender from '../../../layers/core/operations/recommenders/update-recommender';
import type startRecommender from '../../../layers/core/operations/recommenders/start-recommender';
import type stopRecommender from '../../../layers/core/operations/recommenders/stop-recommender';
import type updateSolution from '../../../layers/core/operations/solutions/update-solution';
import type { TailorExtras as ImportJobExtras } from '../../../layers/core/operations/dataset-import-jobs/describe-dataset-import-job';
import type { TailorExtras as ExportJobExtras } from '../../../layers/core/operations/dataset-export-jobs/describe-dataset-export-job';
import type { TailorExtras as BatchJobExtras } from '../../../layers/core/operations/batch-inference-jobs/describe-batch-inference-job';
import type { TailorExtras as DatasetExtras } from '../../../layers/core/operations/datasets/describe-dataset';
import { loadModel } from '../../helpers/botocore-models';

/** What an operation's `run` resolves to. */
type Answer<O> = O extends { run(...args: never[]): Promise<infer R> } ? R : never;

/** The paths of the members `A` has, at any depth, that `B` lacks; never when there are none. */
type Extras<A, B, Path extends string = ''> = A extends readonly (infer E)[]
  ? Extras<E, NonNullable<B> extends readonly (infer F)[] ? F : never, `${Path}[]`>
  : A extends object
    ? {
        [K in keyof A & string]: K extends keyof NonNullable<B>
          ? Extras<A[K], NonNullable<B>[K], `${Path}.${K}`>
          : `${Path}.${K}`;
      }[keyof A & string]
    : never;

/**
 * Each operation with the response type its answer must not exceed: the SDK's, and beside it the
 * members Tailor adds of its own, declared (with why) as `TailorExtras` in the operation's file.
 */
type Answers = {
  CreateBatchInferenceJob: [
    typeof createBatchInferenceJob,
    Control.CreateBatchInferenceJobResponse,
  ];
  CreateCampaign: [typeof createCampaign, Control.CreateCampaignResponse];
  CreateDataDeletionJob: [typeof createDataDeletionJob, Control.CreateDataDeletionJobResponse];
  CreateDataset: [typeof createDataset, Control.CreateDatasetResponse];
  CreateDatasetExportJob: [typeof createDatasetExportJob, Control.CreateDatasetExportJobResponse];
  CreateDatasetGroup: [typeof createDatasetGroup, Control.CreateDatasetGroupResponse];
  CreateDatasetImportJob: [typeof createDatasetImportJob, Control.CreateDatasetImportJobResponse];
  CreateEventTracker: [typeof createEventTracker, Control.CreateEventTrackerResponse];
  CreateFilter: [typeof createFilter, Control.CreateFilterResponse];
  CreateSchema: [typeof createSchema, Control.CreateSchemaResponse];
  CreateSolution: [typeof createSolution, Control.CreateSolutionResponse];
  CreateSolutionVersion: [typeof createSolutionVersion, Control.CreateSolutionVersionResponse];
  DescribeAlgorithm: [typeof describeAlgorithm, Control.DescribeAlgorithmResponse];
  DescribeBatchInferenceJob: [
    typeof describeBatchInferenceJob,
    Control.DescribeBatchInferenceJobResponse & BatchJobExtras,
  ];
  DescribeCampaign: [typeof describeCampaign, Control.DescribeCampaignResponse];
  DescribeDataDeletionJob: [
    typeof describeDataDeletionJob,
    Control.DescribeDataDeletionJobResponse,
  ];
  DescribeDataset: [typeof describeDataset, Control.DescribeDatasetResponse & DatasetExtras];
  DescribeDatasetExportJob: [
    typeof describeDatasetExportJob,
    Control.DescribeDatasetExportJobResponse & ExportJobExtras,
  ];
  DescribeDatasetGroup: [typeof describeDatasetGroup, Control.DescribeDatasetGroupResponse];
  DescribeDatasetImportJob: [
    typeof describeDatasetImportJob,
    Control.DescribeDatasetImportJobResponse & ImportJobExtras,
  ];
  DescribeEventTracker: [typeof describeEventTracker, Control.DescribeEventTrackerResponse];
  DescribeFeatureTransformation: [
    typeof describeFeatureTransformation,
    Control.DescribeFeatureTransformationResponse,
  ];
  DescribeFilter: [typeof describeFilter, Control.DescribeFilterResponse];
  DescribeRecipe: [typeof describeRecipe, Control.DescribeRecipeResponse];
  DescribeSchema: [typeof describeSchema, Control.DescribeSchemaResponse];
  DescribeSolution: [typeof describeSolution, Control.DescribeSolutionResponse];
  DescribeSolutionVersion: [
    typeof describeSolutionVersion,
    Control.DescribeSolutionVersionResponse,
  ];
  GetPersonalizedRanking: [typeof getPersonalizedRanking, Runtime.GetPersonalizedRankingResponse];
  GetRecommendations: [typeof getRecommendations, Runtime.GetRecommendationsResponse];
  GetSolutionMetrics: [typeof getSolutionMetrics, Control.GetSolutionMetricsResponse];
  ListBatchInferenceJobs: [typeof listBatchInferenceJobs, Control.ListBatchInferenceJobsResponse];
  ListCampaigns: [typeof listCampaigns, Control.ListCampaignsResponse];
  ListDataDeletionJobs: [typeof listDataDeletionJobs, Control.ListDataDeletionJobsResponse];
  ListDatasetExportJobs: [typeof listDatasetExportJobs, Control.ListDatasetExportJobsResponse];
  ListDatasetGroups: [typeof listDatasetGroups, Control.ListDatasetGroupsResponse];
  ListDatasetImportJobs: [typeof listDatasetImportJobs, Control.ListDatasetImportJobsResponse];
  ListDatasets: [typeof listDatasets, Control.ListDatasetsResponse];
  ListEventTrackers: [typeof listEventTrackers, Control.ListEventTrackersResponse];
  ListFilters: [typeof listFilters, Control.ListFiltersResponse];
  ListRecipes: [typeof listRecipes, Control.ListRecipesResponse];
  ListSchemas: [typeof listSchemas, Control.ListSchemasResponse];
  ListSolutionVersions: [typeof listSolutionVersions, Control.ListSolutionVersionsResponse];
  ListSolutions: [typeof listSolutions, Control.ListSolutionsResponse];
  ListTagsForResource: [typeof listTagsForResource, Control.ListTagsForResourceResponse];
  TagResource: [typeof tagResource, Control.TagResourceResponse];
  UntagResource: [typeof untagResource, Control.UntagResourceResponse];
  UpdateCampaign: [typeof updateCampaign, Control.UpdateCampaignResponse];
  UpdateDataset: [typeof updateDataset, Control.UpdateDatasetResponse];
  UpdateSolution: [typeof updateSolution, Control.UpdateSolutionResponse];
  CreateRecommender: [typeof createRecommender, Control.CreateRecommenderResponse];
  DescribeRecommender: [typeof describeRecommender, Control.DescribeRecommenderResponse];
  ListRecommenders: [typeof listRecommenders, Control.ListRecommendersResponse];
  UpdateRecommender: [typeof updateRecommender, Control.UpdateRecommenderResponse];
  StartRecommender: [typeof startRecommender, Control.StartRecommenderResponse];
  StopRecommender: [typeof stopRecommender, Control.StopRecommenderResponse];
};

type ExtrasOf = { [K in keyof Answers]: Extras<Answer<Answers[K][0]>, Answers[K][1]> };

/** `true` for an operation whose answer has nothing more; otherwise tsc names the paths. */
const NOTHING_MORE: { [K in keyof ExtrasOf]: [ExtrasOf[K]] extends [never] ? true : ExtrasOf[K] } =
  {
    CreateBatchInferenceJob: true,
    CreateCampaign: true,
    CreateDataDeletionJob: true,
    CreateDataset: true,
    CreateDatasetExportJob: true,
    CreateDatasetGroup: true,
    CreateDatasetImportJob: true,
    CreateEventTracker: true,
    CreateFilter: true,
    CreateSchema: true,
    CreateSolution: true,
    CreateSolutionVersion: true,
    DescribeAlgorithm: true,
    DescribeBatchInferenceJob: true,
    DescribeCampaign: true,
    DescribeDataDeletionJob: true,
    DescribeDataset: true,
    DescribeDatasetExportJob: true,
    DescribeDatasetGroup: true,
    DescribeDatasetImportJob: true,
    DescribeEventTracker: true,
    DescribeFeatureTransformation: true,
    DescribeFilter: true,
    DescribeRecipe: true,
    DescribeSchema: true,
    DescribeSolution: true,
    DescribeSolutionVersion: true,
    GetPersonalizedRanking: true,
    GetRecommendations: true,
    GetSolutionMetrics: true,
    ListBatchInferenceJobs: true,
    ListCampaigns: true,
    ListDataDeletionJobs: true,
    ListDatasetExportJobs: true,
    ListDatasetGroups: true,
    ListDatasetImportJobs: true,
    ListDatasets: true,
    ListEventTrackers: true,
    ListFilters: true,
    ListRecipes: true,
    ListSchemas: true,
    ListSolutionVersions: true,
    ListSolutions: true,
    ListTagsForResource: true,
    TagResource: true,
    UntagResource: true,
    UpdateCampaign: true,
    UpdateDataset: true,
    UpdateSolution: true,
    CreateRecommender: true,
    DescribeRecommender: true,
    ListRecommenders: true,
    UpdateRecommender: true,
    StartRecommender: true,
    StopRecommender: true,
  };

const withOutput = (
  operations: readonly Operation[],
  service: 'personalize' | 'personalize-runtime',
) => {
  const model = loadModel(service);
  return operations.filter((op) => model.operations[op.name]?.output).map((op) => op.name);
};

it('holds every answer the models give an output to against its SDK response type', () => {
  const served = [
    ...withOutput(CONTROL_OPERATIONS, 'personalize'),
    ...withOutput(RUNTIME_OPERATIONS, 'personalize-runtime'),
  ];
  expect(Object.keys(NOTHING_MORE).sort()).toEqual(served.sort());
});
