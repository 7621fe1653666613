import type { CampaignRecord } from '../../domain/campaign';
import { seconds } from '../../resources/lifecycle';
import type { CampaignConfig } from '../../domain/campaign';

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
