/**
 * A dataset's other jobs: exports of its data to S3 (with a form to start one) and the group's
 * data deletion jobs, each with its status and failure reason.
 */
import {
  CreateDatasetExportJobCommand,
  type DataDeletionJobSummary,
  type DatasetExportJobSummary,
  type IngestionMode,
} from '@aws-sdk/client-personalize';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useClients } from '../api/context';
import { shown } from './dates';
import { nameError, roleArnError, s3PathError } from './form-page';
import { FormModal } from './form-modal';
import { Status } from './status';

type Job = DatasetExportJobSummary | DataDeletionJobSummary;

const JOB_COLUMNS = [
  { id: 'name', header: 'Job', cell: (j: Job) => j.jobName },
  {
    id: 'status',
    header: 'Status',
    cell: (j: Job) => <Status status={j.status} reason={j.failureReason} />,
  },
  { id: 'created', header: 'Started', cell: (j: Job) => shown(j.creationDateTime) },
  { id: 'updated', header: 'Updated', cell: (j: Job) => shown(j.lastUpdatedDateTime) },
];

export function DatasetJobs({
  datasetArn,
  exports,
  deletions,
  onStarted,
}: {
  datasetArn: string;
  exports: DatasetExportJobSummary[];
  deletions: DataDeletionJobSummary[];
  onStarted: () => void;
}) {
  const [exporting, setExporting] = useState(false);
  return (
    <>
      <Table
        header={
          <Header
            variant="h2"
            counter={`(${exports.length})`}
            actions={<Button onClick={() => setExporting(true)}>Export data</Button>}
          >
            Export jobs
          </Header>
        }
        items={exports}
        trackBy="datasetExportJobArn"
        columnDefinitions={JOB_COLUMNS}
        empty="No exports yet."
      />
      <Table
        header={
          <Header
            variant="h2"
            counter={`(${deletions.length})`}
            description="Users' data deleted from the whole dataset group."
          >
            Data deletion jobs
          </Header>
        }
        items={deletions}
        trackBy="dataDeletionJobArn"
        columnDefinitions={JOB_COLUMNS}
        empty="No data deletion jobs."
      />
      {exporting && (
        <ExportModal
          datasetArn={datasetArn}
          onClose={(started) => {
            setExporting(false);
            if (started) onStarted();
          }}
        />
      )}
    </>
  );
}

function ExportModal({
  datasetArn,
  onClose,
}: {
  datasetArn: string;
  onClose: (started: boolean) => void;
}) {
  const { personalize } = useClients();
  const [jobName, setJobName] = useState('');
  const [path, setPath] = useState('');
  const [roleArn, setRoleArn] = useState('');
  const [mode, setMode] = useState<IngestionMode>('ALL');
  const errors = [nameError(jobName), s3PathError(path), roleArnError(roleArn)];
  return (
    <FormModal
      title="Export data"
      submitText="Start export"
      valid={!!jobName && !!path && !!roleArn && errors.every((e) => !e)}
      submit={() =>
        personalize.send(
          new CreateDatasetExportJobCommand({
            jobName,
            datasetArn,
            ingestionMode: mode,
            roleArn,
            jobOutput: { s3DataDestination: { path } },
          }),
        )
      }
      onClose={onClose}
    >
      <FormField label="Job name" errorText={errors[0]}>
        <Input value={jobName} onChange={({ detail }) => setJobName(detail.value)} />
      </FormField>
      <FormField label="Output location" errorText={errors[1]}>
        <Input
          value={path}
          placeholder="s3://bucket/export/"
          onChange={({ detail }) => setPath(detail.value)}
        />
      </FormField>
      <FormField label="IAM role ARN" errorText={errors[2]}>
        <Input
          value={roleArn}
          placeholder="arn:aws:iam::123456789012:role/PersonalizeS3"
          onChange={({ detail }) => setRoleArn(detail.value)}
        />
      </FormField>
      <FormField label="Data to export">
        <SegmentedControl
          selectedId={mode}
          onChange={({ detail }) => setMode(detail.selectedId as IngestionMode)}
          options={[
            { id: 'BULK', text: 'Imported (BULK)' },
            { id: 'PUT', text: 'Recorded (PUT)' },
            { id: 'ALL', text: 'Both (ALL)' },
          ]}
        />
      </FormField>
    </FormModal>
  );
}
