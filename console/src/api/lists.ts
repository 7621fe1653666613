/** Every page of a listing, through the SDK's own paginators. */
import {
  paginateListCampaigns,
  paginateListDatasetGroups,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListRecipes,
  paginateListRecommenders,
  paginateListSolutionVersions,
  paginateListSolutions,
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

export const listRecipes = (client: PersonalizeClient) =>
  all(paginateListRecipes(by(client), {}), (p) => p.recipes);

/** Newest first, as Personalize's console lists jobs and versions. */
export const newestFirst = <T extends { creationDateTime?: Date }>(items: T[]): T[] =>
  [...items].sort(
    (a, b) => (b.creationDateTime?.getTime() ?? 0) - (a.creationDateTime?.getTime() ?? 0),
  );
