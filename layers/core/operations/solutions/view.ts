import type { SolutionRecord } from '../../domain/solution';
import type { SolutionVersionRecord } from '../../domain/solution-version';
import { summarizeSolutionVersion } from '../solution-versions/view';
import { seconds } from '../../resources/lifecycle';

export const summarizeSolution = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: SolutionRecord) => ({
  name: a.name,
  solutionArn: arn,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  recipeArn: a.recipeArn,
});

export const describeSolution = (record: SolutionRecord, latestVersion?: SolutionVersionRecord) => {
  const { attributes: a } = record;
  return {
    ...summarizeSolution(record),
    performHPO: a.performHPO,
    performAutoML: a.performAutoML,
    performAutoTraining: a.performAutoTraining,
    performIncrementalUpdate: a.performIncrementalUpdate,
    datasetGroupArn: a.datasetGroupArn,
    eventType: a.eventType,
    solutionConfig: a.solutionConfig,
    autoMLResult: a.bestRecipeArn ? { bestRecipeArn: a.bestRecipeArn } : undefined,
    latestSolutionVersion: latestVersion && summarizeSolutionVersion(latestVersion),
    latestSolutionUpdate: a.latestUpdate && {
      solutionUpdateConfig: a.latestUpdate.solutionUpdateConfig,
      // Tailor applies an update at once.
      status: 'ACTIVE',
      performAutoTraining: a.latestUpdate.performAutoTraining,
      performIncrementalUpdate: a.latestUpdate.performIncrementalUpdate,
      creationDateTime: seconds(a.latestUpdate.createdAt),
      lastUpdatedDateTime: seconds(a.latestUpdate.createdAt),
    },
  };
};
