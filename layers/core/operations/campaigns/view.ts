import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';
import type { CampaignConfig } from './campaign-config';

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

export const summarizeCampaign = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: CampaignRecord) => ({
  name: a.name,
  campaignArn: arn,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
});

const showConfig = (config: CampaignConfig) => ({
  itemExplorationConfig: config.itemExplorationConfig,
  enableMetadataWithRecommendations: config.enableMetadataWithRecommendations ?? false,
  syncWithLatestSolutionVersion: config.syncWithLatestSolutionVersion ?? false,
});

/** `servedVersionArn`: the version requests are served by now (see solutionVersionArn above). */
export const describeCampaign = (record: CampaignRecord, servedVersionArn: string) => {
  const { attributes: a } = record;
  const update = a.latestUpdate;
  return {
    ...summarizeCampaign(record),
    solutionVersionArn: servedVersionArn,
    minProvisionedTPS: a.minProvisionedTPS,
    campaignConfig: showConfig(a.campaignConfig),
    latestCampaignUpdate: update && {
      solutionVersionArn: update.solutionVersionArn,
      minProvisionedTPS: update.minProvisionedTPS,
      campaignConfig: showConfig(update.campaignConfig),
      status: update.status,
      failureReason: update.failureReason,
      creationDateTime: seconds(update.createdAt),
      lastUpdatedDateTime: seconds(update.updatedAt),
    },
  };
};
