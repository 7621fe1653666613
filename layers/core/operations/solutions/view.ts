import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';
import type { SolutionConfig } from './solution-config';

export type SolutionAttributes = {
  name: string;
  datasetGroupArn: string;
  /** Absent with performAutoML until a version has chosen one. */
  recipeArn?: string;
  performHPO: boolean;
  performAutoML: boolean;
  performAutoTraining: boolean;
  performIncrementalUpdate: boolean;
  eventType?: string;
  solutionConfig?: SolutionConfig;
  status: string;
  bestRecipeArn?: string;
  /** The newest version, for DescribeSolution's latestSolutionVersion. */
  latestVersionArn?: string;
};

export type SolutionRecord = ResourceRecord<SolutionAttributes>;

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

export const describeSolution = (record: SolutionRecord, latestVersion: unknown) => {
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
    latestSolutionVersion: latestVersion,
  };
};
