import type { ResourceRecord } from './records';

/** A campaign's campaignConfig, as CreateCampaign and UpdateCampaign take it. */
export type CampaignConfig = {
  /** Tuning of exploration, values as strings (the model's HyperParameters). */
  itemExplorationConfig?: Record<string, string>;
  enableMetadataWithRecommendations?: boolean;
  syncWithLatestSolutionVersion?: boolean;
  rankingInfluence?: Partial<Record<'POPULARITY' | 'FRESHNESS', number>>;
};

/** One UpdateCampaign: what it asked to deploy and how that went. */
export type CampaignUpdate = {
  solutionVersionArn: string;
  minProvisionedTPS: number;
  campaignConfig: CampaignConfig;
  status: string;
  failureReason?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
};

export type CampaignAttributes = {
  name: string;
  /** DeleteSolution refuses while a campaign names its solution here. */
  solutionArn: string;
  datasetGroupArn: string;
  /**
   * The version deployed. With syncWithLatestSolutionVersion, the one that was newest when the
   * campaign was created or last updated; requests are served by the newest ACTIVE one.
   */
  solutionVersionArn: string;
  minProvisionedTPS: number;
  campaignConfig: CampaignConfig;
  status: string;
  failureReason?: string;
  /** Absent until the first UpdateCampaign, as Personalize leaves latestCampaignUpdate out. */
  latestUpdate?: CampaignUpdate;
};

export type CampaignRecord = ResourceRecord<CampaignAttributes>;
