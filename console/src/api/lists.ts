/** Every page of a listing, through the SDK's own paginators. */
import {
  ListDataDeletionJobsCommand,
  paginateListBatchInferenceJobs,
  paginateListCampaigns,
  paginateListDatasetGroups,
  paginateListDatasetExportJobs,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListRecipes,
  paginateListRecommenders,
  paginateListSolutionVersions,
  paginateListSolutions,
  type DataDeletionJobSummary,
  type Domain,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';

async function all<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

const by = (client: PersonalizeClient) => ({ client });

export const listDatasetGroups = (client: PersonalizeClient) =>
  all(paginateListDatasetGroups(by(client), {}), (p) => p.datasetGroups);

export const listDatasets = (client: PersonalizeClient, datasetGroupArn: string) =>
  all(paginateListDatasets(by(client), { datasetGroupArn }), (p) => p.datasets);

export const listImportJobs = (client: PersonalizeClient, datasetArn: string) =>
  all(paginateListDatasetImportJobs(by(client), { datasetArn }), (p) => p.datasetImportJobs);

export const listSolutions = (client: PersonalizeClient, datasetGroupArn: string) =>
  all(paginateListSolutions(by(client), { datasetGroupArn }), (p) => p.solutions);

export const listVersions = (client: PersonalizeClient, solutionArn: string) =>
  all(paginateListSolutionVersions(by(client), { solutionArn }), (p) => p.solutionVersions);

export const listCampaigns = (client: PersonalizeClient, solutionArn: string) =>
  all(paginateListCampaigns(by(client), { solutionArn }), (p) => p.campaigns);

export const listRecommenders = (client: PersonalizeClient, datasetGroupArn: string) =>
  all(paginateListRecommenders(by(client), { datasetGroupArn }), (p) => p.recommenders);

export const listFilters = (client: PersonalizeClient, datasetGroupArn: string) =>
  all(paginateListFilters(by(client), { datasetGroupArn }), (p) => p.Filters);

export const listEventTrackers = (client: PersonalizeClient, datasetGroupArn: string) =>
  all(paginateListEventTrackers(by(client), { datasetGroupArn }), (p) => p.eventTrackers);

/** With a domain, that domain's use cases; without, every recipe. */
export const listRecipes = (client: PersonalizeClient, domain?: Domain) =>
  all(paginateListRecipes(by(client), { domain }), (p) => p.recipes);

/** The account's batch inference jobs: the API lists them by solution version or all. */
export const listBatchInferenceJobs = (client: PersonalizeClient) =>
  all(paginateListBatchInferenceJobs(by(client), {}), (p) => p.batchInferenceJobs);

export const listExportJobs = (client: PersonalizeClient, datasetArn: string) =>
  all(paginateListDatasetExportJobs(by(client), { datasetArn }), (p) => p.datasetExportJobs);

/** The SDK has no paginator for this listing: its pages are followed by hand. */
export async function listDeletionJobs(
  client: PersonalizeClient,
  datasetGroupArn: string,
): Promise<DataDeletionJobSummary[]> {
  const out: DataDeletionJobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListDataDeletionJobsCommand({ datasetGroupArn, nextToken }));
    out.push(...(page.dataDeletionJobs ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Newest first, as Personalize's console lists jobs and versions. */
export const newestFirst = <T extends { creationDateTime?: Date }>(items: T[]): T[] =>
  [...items].sort(
    (a, b) => (b.creationDateTime?.getTime() ?? 0) - (a.creationDateTime?.getTime() ?? 0),
  );
