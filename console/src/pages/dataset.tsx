/**
 * A dataset: its schema, its import and export jobs and the group's data deletion jobs with live
 * status and failure reasons, and forms to import and export; for a dataset not yet created, the
 * form that creates it with its schema.
 */
import {
  CreateDatasetCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeSchemaCommand,
  type DatasetGroup,
  type ImportMode,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { datasetArnIn } from '../api/arns';
import { useClients } from '../api/context';
import { describeDatasetWithOverview } from '../api/extensions';
import { findGroup } from '../api/group';
import { DataOverviewCharts } from '../components/data-overview';
import { DatasetJobs } from '../components/dataset-jobs';
import { listDeletionJobs, listExportJobs, listImportJobs, newestFirst } from '../api/lists';
import { isChanging, useLoad } from '../api/use-load';
import { shown } from '../components/dates';
import { LoadError } from '../components/load-error';
import { nameError, s3PathError } from '../components/form-page';
import { describeError, useNotify } from '../components/notifications';
import { Status } from '../components/status';
import { defaultSchema } from './default-schemas';

const TYPES: Record<string, string> = {
  interactions: 'Interactions',
  items: 'Items',
  users: 'Users',
};

async function loadDataset(client: PersonalizeClient, groupName: string, type: string) {
  const group = await findGroup(client, groupName);
  const datasetArn = datasetArnIn(group.datasetGroupArn!, type);
  const described = await describeDatasetWithOverview(client, datasetArn).catch((error: Error) => {
    if (error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  });
  if (!described) {
    return {
      group,
      datasetArn,
      dataset: undefined,
      rows: undefined,
      overview: undefined,
      schema: undefined,
      imports: [],
      exports: [],
      deletions: [],
    };
  }
  const { dataset, rows, overview } = described;
  const [{ schema }, imports, exports, deletions] = await Promise.all([
    client.send(new DescribeSchemaCommand({ schemaArn: dataset.schemaArn })),
    listImportJobs(client, datasetArn),
    listExportJobs(client, datasetArn),
    listDeletionJobs(client, group.datasetGroupArn!),
  ]);
  return {
    group,
    datasetArn,
    dataset,
    rows,
    overview,
    schema,
    imports: newestFirst(imports),
    exports: newestFirst(exports),
    deletions: newestFirst(deletions),
  };
}

export function DatasetPage() {
  const { group: groupName = '', type: typeParam = '' } = useParams();
  const type = TYPES[typeParam.toLowerCase()];
  const { personalize } = useClients();
  const loaded = useLoad(
    ['dataset', groupName, type],
    () => loadDataset(personalize, groupName, type ?? 'Interactions'),
    (d) =>
      isChanging(d.dataset?.status) ||
      [...d.imports, ...d.exports, ...d.deletions].some((j) => isChanging(j.status)),
  );
  if (!type) return <Box>No dataset type {typeParam}: Interactions, Items or Users.</Box>;
  const d = loaded.data;
  if (!d) return <LoadError loaded={loaded} what={`the ${type} dataset of ${groupName}`} />;
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={
            d.dataset ? d.datasetArn : `The ${type} dataset of ${groupName} does not exist yet.`
          }
          actions={<Button iconName="refresh" ariaLabel="Refresh" onClick={loaded.reload} />}
        >
          {type}
        </Header>
      }
    >
      {d.dataset ? (
        <SpaceBetween size="l">
          <Container header={<Header variant="h2">Details</Header>}>
            <KeyValuePairs
              columns={4}
              items={[
                { label: 'Name', value: d.dataset.name },
                { label: 'Status', value: <Status status={d.dataset.status} /> },
                {
                  label: 'Imported rows',
                  value: d.rows === undefined ? 'None yet' : d.rows.toLocaleString(),
                },
                { label: 'Updated', value: shown(d.dataset.lastUpdatedDateTime) },
              ]}
            />
          </Container>
          {d.overview && <DataOverviewCharts overview={d.overview} />}
          <ImportForm datasetArn={d.datasetArn} onStarted={loaded.reload} />
          <Table
            header={
              <Header variant="h2" counter={`(${d.imports.length})`}>
                Import jobs
              </Header>
            }
            items={d.imports}
            trackBy="datasetImportJobArn"
            columnDefinitions={[
              { id: 'name', header: 'Job', cell: (j) => j.jobName },
              {
                id: 'status',
                header: 'Status',
                cell: (j) => <Status status={j.status} reason={j.failureReason} />,
              },
              { id: 'mode', header: 'Mode', cell: (j) => j.importMode ?? 'FULL' },
              { id: 'created', header: 'Started', cell: (j) => shown(j.creationDateTime) },
              { id: 'updated', header: 'Updated', cell: (j) => shown(j.lastUpdatedDateTime) },
            ]}
            empty="No imports yet."
          />
          <DatasetJobs
            datasetArn={d.datasetArn}
            exports={d.exports}
            deletions={d.deletions}
            onStarted={loaded.reload}
          />
          <Container header={<Header variant="h2">Schema</Header>}>
            <pre style={{ margin: 0, overflowX: 'auto' }}>
              {d.schema?.schema ? JSON.stringify(JSON.parse(d.schema.schema), null, 2) : ''}
            </pre>
          </Container>
        </SpaceBetween>
      ) : (
        <CreateDatasetForm group={d.group} type={type} onCreated={loaded.reload} />
      )}
    </ContentLayout>
  );
}

function ImportForm({ datasetArn, onStarted }: { datasetArn: string; onStarted: () => void }) {
  const { personalize } = useClients();
  const notify = useNotify();
  const [jobName, setJobName] = useState('');
  const [location, setLocation] = useState('');
  const [roleArn, setRoleArn] = useState('');
  const [mode, setMode] = useState<ImportMode>('FULL');
  const [busy, setBusy] = useState(false);
  const invalidName = nameError(jobName);
  const invalidLocation = s3PathError(location);
  const start = async () => {
    setBusy(true);
    try {
      await personalize.send(
        new CreateDatasetImportJobCommand({
          jobName,
          datasetArn,
          dataSource: { dataLocation: location },
          importMode: mode,
          ...(roleArn ? { roleArn } : {}),
        }),
      );
      notify.success(`Import ${jobName} started.`);
      setJobName('');
      onStarted();
    } catch (error) {
      notify.failure(`Import ${jobName}`, error);
    }
    setBusy(false);
  };
  return (
    <Container
      header={
        <Header variant="h2" description="CSV files in S3, with the schema's fields as columns.">
          Import data
        </Header>
      }
    >
      <form onSubmit={(event) => (event.preventDefault(), void start())}>
        <SpaceBetween size="m">
          <FormField label="Job name" errorText={invalidName}>
            <Input value={jobName} onChange={({ detail }) => setJobName(detail.value)} />
          </FormField>
          <FormField label="Data location" errorText={invalidLocation}>
            <Input
              value={location}
              placeholder="s3://bucket/interactions.csv"
              onChange={({ detail }) => setLocation(detail.value)}
            />
          </FormField>
          <FormField
            label="IAM role ARN"
            description="The role Personalize assumes to read the bucket; optional on the local service."
          >
            <Input value={roleArn} onChange={({ detail }) => setRoleArn(detail.value)} />
          </FormField>
          <FormField label="Import mode">
            <SegmentedControl
              selectedId={mode}
              onChange={({ detail }) => setMode(detail.selectedId as ImportMode)}
              options={[
                { id: 'FULL', text: 'Replace (FULL)' },
                { id: 'INCREMENTAL', text: 'Append (INCREMENTAL)' },
              ]}
            />
          </FormField>
          <Button
            variant="primary"
            loading={busy}
            disabled={!jobName || !location || !!invalidName || !!invalidLocation}
          >
            Start import
          </Button>
        </SpaceBetween>
      </form>
    </Container>
  );
}

function CreateDatasetForm({
  group,
  type,
  onCreated,
}: {
  group: DatasetGroup;
  type: string;
  onCreated: () => void;
}) {
  const { personalize } = useClients();
  const [schema, setSchema] = useState(() => defaultSchema(type, group.domain));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const parseError = (() => {
    try {
      JSON.parse(schema);
      return undefined;
    } catch (failure) {
      return `Not JSON: ${(failure as Error).message}`;
    }
  })();
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const name = `${group.name}-${type.toLowerCase()}`;
      const { schemaArn } = await personalize.send(
        new CreateSchemaCommand({
          name,
          schema,
          ...(group.domain ? { domain: group.domain } : {}),
        }),
      );
      await personalize.send(
        new CreateDatasetCommand({
          name,
          datasetGroupArn: group.datasetGroupArn,
          datasetType: type,
          schemaArn,
        }),
      );
      onCreated();
    } catch (failure) {
      setError(describeError(failure));
    }
    setBusy(false);
  };
  return (
    <Container
      header={
        <Header variant="h2" description="An Avro schema naming the dataset's fields.">
          Create the {type} dataset
        </Header>
      }
    >
      <SpaceBetween size="m">
        <FormField label="Schema" errorText={parseError ?? error} stretch>
          <Textarea rows={14} value={schema} onChange={({ detail }) => setSchema(detail.value)} />
        </FormField>
        <Button
          variant="primary"
          loading={busy}
          disabled={!!parseError}
          onClick={() => void create()}
        >
          Create dataset
        </Button>
      </SpaceBetween>
    </Container>
  );
}
