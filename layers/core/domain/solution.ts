import type { MetricName } from './metrics';
import type { ResourceRecord } from './records';

/** An HPO range of a numeric hyperparameter. */
export type NumericRange = { name: string; minValue: number; maxValue: number };

/** Column names by dataset type (the model's Excluded/IncludedDatasetColumns). */
export type DatasetColumns = Record<string, string[]>;

/** A solution's solutionConfig, as CreateSolution and UpdateSolution take it. */
export type SolutionConfig = {
  eventValueThreshold?: string;
  hpoConfig?: {
    hpoObjective?: {
      type?: 'Maximize' | 'Minimize';
      metricName?: MetricName;
      metricRegex?: string;
    };
    hpoResourceConfig?: { maxNumberOfTrainingJobs?: string; maxParallelTrainingJobs?: string };
    algorithmHyperParameterRanges?: {
      integerHyperParameterRanges?: NumericRange[];
      continuousHyperParameterRanges?: NumericRange[];
      categoricalHyperParameterRanges?: { name: string; values: string[] }[];
    };
  };
  algorithmHyperParameters?: Record<string, string>;
  featureTransformationParameters?: Record<string, string>;
  autoMLConfig?: { metricName?: MetricName; recipeList?: string[] };
  eventsConfig?: EventsConfig;
  optimizationObjective?: {
    itemAttribute?: string;
    objectiveSensitivity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'OFF';
  };
  trainingDataConfig?: {
    excludedDatasetColumns?: DatasetColumns;
    includedDatasetColumns?: DatasetColumns;
  };
  autoTrainingConfig?: { schedulingExpression?: string };
};

/** How each event type counts in training. */
export type EventsConfig = {
  eventParametersList?: { eventType: string; eventValueThreshold?: number; weight?: number }[];
};

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
  /**
   * When the next automatic version is due, in ISO 8601 so that a scheduler's claim can name
   * it in a condition; absent while automatic training is off.
   */
  nextAutoTrainingAt?: string;
  /** The due time is the first after automatic training was turned on: a manual version skips it. */
  firstAutoTrainingPending?: boolean;
  /** The latest UpdateSolution, for DescribeSolution's latestSolutionUpdate. */
  latestUpdate?: SolutionUpdate;
};

/** What an UpdateSolution changed, and when. */
export type SolutionUpdate = {
  performAutoTraining: boolean;
  performIncrementalUpdate: boolean;
  solutionUpdateConfig: Pick<SolutionConfig, 'autoTrainingConfig' | 'eventsConfig'>;
  createdAt: number;
};

export type SolutionRecord = ResourceRecord<SolutionAttributes>;
