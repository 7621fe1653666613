/**
 * A recommender of a domain dataset group: its use case, status and configuration, the metrics of
 * its latest training, starting, stopping, updating and deleting it, and the test of what it
 * recommends.
 */
import {
  DeleteRecommenderCommand,
  DescribeRecommenderCommand,
  StartRecommenderCommand,
  StopRecommenderCommand,
  UpdateRecommenderCommand,
  type PersonalizeClient,
  type Recommender,
  type RecommenderConfig,
} from '@aws-sdk/client-personalize';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { arnIn, nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { isChanging, useLoad } from '../api/use-load';
import { shown } from '../components/dates';
import { DeleteModal } from '../components/delete-modal';
import { wholeNumberError } from '../components/form-page';
import { FormModal } from '../components/form-modal';
import { LoadError } from '../components/load-error';
import { useNotify } from '../components/notifications';
import { loadTestChoices, RecommendationsTest } from '../components/recommendations-test';
import { Status } from '../components/status';

async function loadRecommender(client: PersonalizeClient, groupName: string, name: string) {
  const group = await findGroup(client, groupName);
  const arn = group.datasetGroupArn!;
  const [{ recommender }, choices] = await Promise.all([
    client.send(
      new DescribeRecommenderCommand({ recommenderArn: arnIn(arn, 'recommender', name) }),
    ),
    loadTestChoices(client, arn),
  ]);
  return { recommender: recommender!, ...choices };
}

/** A recommender's configuration as label and value, Personalize's defaults where it set none. */
export function configPairs(config: RecommenderConfig = {}): { label: string; value: string }[] {
  const columns = (map: Record<string, string[]> | undefined) =>
    Object.entries(map ?? {})
      .map(([type, names]) => `${type}: ${names.join(', ')}`)
      .join('; ') || 'All';
  const exploration = Object.entries(config.itemExplorationConfig ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [
    {
      label: 'Minimum requests per second',
      value: String(config.minRecommendationRequestsPerSecond ?? 1),
    },
    { label: 'Item exploration', value: exploration || 'Default' },
    {
      label: 'Metadata with recommendations',
      value: config.enableMetadataWithRecommendations ? 'On' : 'Off',
    },
    {
      label: 'Included columns',
      value: columns(config.trainingDataConfig?.includedDatasetColumns),
    },
    {
      label: 'Excluded columns',
      value: config.trainingDataConfig?.excludedDatasetColumns
        ? columns(config.trainingDataConfig.excludedDatasetColumns)
        : 'None',
    },
  ];
}

export function RecommenderPage() {
  const { group = '', name = '' } = useParams();
  const { personalize } = useClients();
  const navigate = useNavigate();
  const notify = useNotify();
  const [acting, setActing] = useState<'update' | 'delete'>();
  const [switching, setSwitching] = useState(false);
  const loaded = useLoad(
    ['recommender', group, name],
    () => loadRecommender(personalize, group, name),
    (d) =>
      isChanging(d.recommender.status) || isChanging(d.recommender.latestRecommenderUpdate?.status),
  );
  const d = loaded.data;
  if (!d) return <LoadError loaded={loaded} what={`recommender ${name}`} />;
  const { recommender } = d;
  const recommenderArn = recommender.recommenderArn!;
  const update = recommender.latestRecommenderUpdate;
  const metrics = Object.entries(recommender.modelMetrics ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );

  // Stop and start answer at once; the status then moves through STOP or START IN_PROGRESS.
  const startOrStop = async (start: boolean) => {
    setSwitching(true);
    try {
      await personalize.send(
        start
          ? new StartRecommenderCommand({ recommenderArn })
          : new StopRecommenderCommand({ recommenderArn }),
      );
      notify.success(`${start ? 'Starting' : 'Stopping'} recommender ${name}.`);
      loaded.reload();
    } catch (error) {
      notify.failure(`${start ? 'Starting' : 'Stopping'} the recommender`, error);
    }
    setSwitching(false);
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={recommenderArn}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh" onClick={loaded.reload} />
              <Button onClick={() => setActing('delete')}>Delete</Button>
              {recommender.status === 'INACTIVE' ? (
                <Button loading={switching} onClick={() => void startOrStop(true)}>
                  Start
                </Button>
              ) : (
                <Button
                  loading={switching}
                  disabled={recommender.status !== 'ACTIVE'}
                  onClick={() => void startOrStop(false)}
                >
                  Stop
                </Button>
              )}
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
                value: <Status status={recommender.status} reason={recommender.failureReason} />,
              },
              { label: 'Use case', value: nameOf(recommender.recipeArn ?? '') },
              { label: 'Created', value: shown(recommender.creationDateTime) },
              { label: 'Updated', value: shown(recommender.lastUpdatedDateTime) },
              ...(update
                ? [
                    {
                      label: 'Latest update',
                      value: <Status status={update.status} reason={update.failureReason} />,
                    },
                  ]
                : []),
            ]}
          />
        </Container>
        <Container header={<Header variant="h2">Configuration</Header>}>
          <KeyValuePairs columns={3} items={configPairs(recommender.recommenderConfig)} />
        </Container>
        <Table
          header={
            <Header variant="h2" description="Offline metrics of the latest training.">
              Metrics
            </Header>
          }
          items={metrics}
          trackBy={([metric]) => metric}
          columnDefinitions={[
            { id: 'metric', header: 'Metric', cell: ([metric]) => metric },
            { id: 'value', header: 'Value', cell: ([, value]) => value.toFixed(4) },
          ]}
          empty="No metrics yet: they come with training."
        />
        {recommender.status === 'ACTIVE' && (
          <RecommendationsTest target={{ recommenderArn }} {...d} />
        )}
      </SpaceBetween>
      {acting === 'update' && (
        <UpdateRecommenderModal
          recommender={recommender}
          onClose={(done) => {
            setActing(undefined);
            if (done) loaded.reload();
          }}
        />
      )}
      {acting === 'delete' && (
        <DeleteModal
          kind="recommender"
          name={name}
          remove={() => personalize.send(new DeleteRecommenderCommand({ recommenderArn }))}
          onClose={(deleted) => {
            setActing(undefined);
            if (!deleted) return;
            notify.success(`Deleting recommender ${name}.`);
            navigate(`/dataset-groups/${group}`);
          }}
        />
      )}
    </ContentLayout>
  );
}

function UpdateRecommenderModal({
  recommender,
  onClose,
}: {
  recommender: Recommender;
  onClose: (updated: boolean) => void;
}) {
  const { personalize } = useClients();
  const config = recommender.recommenderConfig ?? {};
  const [rps, setRps] = useState(String(config.minRecommendationRequestsPerSecond ?? 1));
  const [metadata, setMetadata] = useState(config.enableMetadataWithRecommendations ?? false);
  const invalid = wholeNumberError(rps, 1);
  return (
    <FormModal
      title={`Update recommender ${recommender.name}`}
      submitText="Update"
      valid={!invalid}
      submit={() =>
        personalize.send(
          new UpdateRecommenderCommand({
            recommenderArn: recommender.recommenderArn,
            // The update replaces the configuration: what is not changed here is kept as it was.
            recommenderConfig: {
              ...config,
              minRecommendationRequestsPerSecond: Number(rps),
              enableMetadataWithRecommendations: metadata,
            },
          }),
        )
      }
      onClose={onClose}
    >
      <FormField
        label="Minimum recommendation requests per second"
        description="The capacity billed whether used or not."
        errorText={invalid}
      >
        <Input type="number" value={rps} onChange={({ detail }) => setRps(detail.value)} />
      </FormField>
      <Checkbox checked={metadata} onChange={({ detail }) => setMetadata(detail.checked)}>
        Return item metadata with recommendations
      </Checkbox>
    </FormModal>
  );
}
