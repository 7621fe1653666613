/**
 * A campaign: its details, updating the version it serves and its minimum TPS, deleting it, and
 * the test of what it recommends.
 */
import {
  DeleteCampaignCommand,
  DescribeCampaignCommand,
  UpdateCampaignCommand,
  type Campaign,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { arnIn, nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { isChanging, useLoad } from '../api/use-load';
import { activeVersions } from '../api/versions';
import { shown } from '../components/dates';
import { DeleteModal } from '../components/delete-modal';
import { wholeNumberError } from '../components/form-page';
import { FormModal } from '../components/form-modal';
import { LoadError } from '../components/load-error';
import { useNotify } from '../components/notifications';
import { loadTestChoices, RecommendationsTest } from '../components/recommendations-test';
import { Status } from '../components/status';

async function loadCampaign(client: PersonalizeClient, groupName: string, name: string) {
  const group = await findGroup(client, groupName);
  const arn = group.datasetGroupArn!;
  const [{ campaign }, choices] = await Promise.all([
    client.send(new DescribeCampaignCommand({ campaignArn: arnIn(arn, 'campaign', name) })),
    loadTestChoices(client, arn),
  ]);
  return { groupArn: arn, campaign: campaign!, ...choices };
}

export function CampaignPage() {
  const { group = '', name = '' } = useParams();
  const { personalize } = useClients();
  const navigate = useNavigate();
  const notify = useNotify();
  const [acting, setActing] = useState<'update' | 'delete'>();
  const loaded = useLoad(
    ['campaign', group, name],
    () => loadCampaign(personalize, group, name),
    (d) => isChanging(d.campaign.status) || isChanging(d.campaign.latestCampaignUpdate?.status),
  );
  const d = loaded.data;
  if (!d) return <LoadError loaded={loaded} what={`campaign ${name}`} />;
  const { campaign } = d;
  const update = campaign.latestCampaignUpdate;
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={campaign.campaignArn}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh" onClick={loaded.reload} />
              <Button onClick={() => setActing('delete')}>Delete</Button>
              <Button onClick={() => setActing('update')}>Update</Button>
            </SpaceBetween>
          }
        >
          {name}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Details</Header>}>
          <KeyValuePairs
            columns={4}
            items={[
              {
                label: 'Status',
                value: <Status status={campaign.status} reason={campaign.failureReason} />,
              },
              { label: 'Solution version', value: nameOf(campaign.solutionVersionArn ?? '') },
              { label: 'Minimum TPS', value: String(campaign.minProvisionedTPS ?? 1) },
              { label: 'Created', value: shown(campaign.creationDateTime) },
              ...(update
                ? [
                    {
                      label: 'Latest update',
                      value: <Status status={update.status} reason={update.failureReason} />,
                    },
                    {
                      label: 'Updated to',
                      value: `${nameOf(update.solutionVersionArn ?? '')}, ${update.minProvisionedTPS ?? 1} TPS`,
                    },
                  ]
                : []),
            ]}
          />
        </Container>
        {campaign.status === 'ACTIVE' && (
          <RecommendationsTest target={{ campaignArn: campaign.campaignArn! }} {...d} />
        )}
      </SpaceBetween>
      {acting === 'update' && (
        <UpdateCampaignModal
          campaign={campaign}
          groupArn={d.groupArn}
          onClose={(done) => {
            setActing(undefined);
            if (done) loaded.reload();
          }}
        />
      )}
      {acting === 'delete' && (
        <DeleteModal
          kind="campaign"
          name={name}
          remove={() =>
            personalize.send(new DeleteCampaignCommand({ campaignArn: campaign.campaignArn }))
          }
          onClose={(deleted) => {
            setActing(undefined);
            if (!deleted) return;
            notify.success(`Deleting campaign ${name}.`);
            navigate(`/dataset-groups/${group}`);
          }}
        />
      )}
    </ContentLayout>
  );
}

function UpdateCampaignModal({
  campaign,
  groupArn,
  onClose,
}: {
  campaign: Campaign;
  groupArn: string;
  onClose: (updated: boolean) => void;
}) {
  const { personalize } = useClients();
  const versions = useLoad(['update-campaign', groupArn], () =>
    activeVersions(personalize, groupArn),
  );
  const current = campaign.solutionVersionArn;
  const [version, setVersion] = useState<{ value?: string; label?: string }>({
    value: current,
    label: nameOf(current ?? ''),
  });
  const [tps, setTps] = useState(String(campaign.minProvisionedTPS ?? 1));
  const invalidTps = wholeNumberError(tps, 1);
  return (
    <FormModal
      title={`Update campaign ${campaign.name}`}
      submitText="Update"
      valid={!invalidTps}
      submit={() =>
        personalize.send(
          new UpdateCampaignCommand({
            campaignArn: campaign.campaignArn,
            solutionVersionArn: version.value,
            minProvisionedTPS: Number(tps),
          }),
        )
      }
      onClose={onClose}
    >
      <FormField label="Solution version" description="Only ACTIVE versions can be deployed.">
        <Select
          selectedOption={version}
          options={versions.data ?? []}
          statusType={versions.loading ? 'loading' : 'finished'}
          onChange={({ detail }) => setVersion(detail.selectedOption)}
        />
      </FormField>
      <FormField label="Minimum provisioned TPS" errorText={invalidTps}>
        <Input type="number" value={tps} onChange={({ detail }) => setTps(detail.value)} />
      </FormField>
    </FormModal>
  );
}
