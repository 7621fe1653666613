/**
 * A dataset group's batch inference jobs: each job's version, status with failure reason and
 * where it writes, live while one runs, and a form to start another from a trained version.
 */
import {
  CreateBatchInferenceJobCommand,
  DescribeBatchInferenceJobCommand,
  type CreateBatchInferenceJobCommandInput,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { listBatchInferenceJobs, listFilters, listSolutions, newestFirst } from '../api/lists';
import { isChanging, useLoad } from '../api/use-load';
import { activeVersions } from '../api/versions';
import { shown } from '../components/dates';
import { nameError, roleArnError, s3PathError } from '../components/form-page';
import { FormModal } from '../components/form-modal';
import { LoadError } from '../components/load-error';
import { Status } from '../components/status';

async function loadJobs(client: PersonalizeClient, groupName: string) {
  const group = await findGroup(client, groupName);
  const [solutions, all] = await Promise.all([
    listSolutions(client, group.datasetGroupArn!),
    listBatchInferenceJobs(client),
  ]);
  // A version's ARN is its solution's and an ID: the group's jobs are those of its solutions.
  const ofGroup = all.filter((job) =>
    solutions.some((s) => job.solutionVersionArn?.startsWith(`${s.solutionArn}/`)),
  );
  // The listing has no output location; each job's description does.
  const jobs = await Promise.all(
    newestFirst(ofGroup).map(async (summary) => {
      const { batchInferenceJob } = await client.send(
        new DescribeBatchInferenceJobCommand({
          batchInferenceJobArn: summary.batchInferenceJobArn,
        }),
      );
      return batchInferenceJob!;
    }),
  );
  return { group, jobs };
}

/** What the form holds, every field as typed. */
export interface BatchJobForm {
  jobName: string;
  solutionVersionArn: string;
  input: string;
  output: string;
  roleArn: string;
  filterArn: string;
}

/** The form as CreateBatchInferenceJob takes it: the optional filter only when chosen. */
export const batchJobRequest = (form: BatchJobForm): CreateBatchInferenceJobCommandInput => ({
  jobName: form.jobName,
  solutionVersionArn: form.solutionVersionArn,
  jobInput: { s3DataSource: { path: form.input } },
  jobOutput: { s3DataDestination: { path: form.output } },
  roleArn: form.roleArn,
  ...(form.filterArn ? { filterArn: form.filterArn } : {}),
});

export function BatchInferenceJobsPage() {
  const { group = '' } = useParams();
  const { personalize } = useClients();
  const [creating, setCreating] = useState(false);
  const loaded = useLoad(
    ['batch-inference-jobs', group],
    () => loadJobs(personalize, group),
    (d) => d.jobs.some((j) => isChanging(j.status)),
  );
  const d = loaded.data;
  if (!d) return <LoadError loaded={loaded} what={`the batch inference jobs of ${group}`} />;
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={`Recommendations for many users or items at once, from a trained version of ${group}, read from and written to S3.`}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh" onClick={loaded.reload} />
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create batch inference job
              </Button>
            </SpaceBetween>
          }
        >
          Batch inference jobs
        </Header>
      }
    >
      <Table
        items={d.jobs}
        trackBy="batchInferenceJobArn"
        wrapLines
        columnDefinitions={[
          { id: 'name', header: 'Job', cell: (j) => j.jobName },
          {
            id: 'status',
            header: 'Status',
            cell: (j) => <Status status={j.status} reason={j.failureReason} />,
          },
          {
            id: 'version',
            header: 'Solution version',
            cell: (j) => {
              const arn = j.solutionVersionArn ?? '';
              return `${nameOf(arn.slice(0, arn.lastIndexOf('/')))} / ${nameOf(arn)}`;
            },
          },
          { id: 'input', header: 'Input', cell: (j) => j.jobInput?.s3DataSource?.path },
          { id: 'output', header: 'Output', cell: (j) => j.jobOutput?.s3DataDestination?.path },
          {
            id: 'filter',
            header: 'Filter',
            cell: (j) => (j.filterArn ? nameOf(j.filterArn) : '-'),
          },
          { id: 'created', header: 'Started', cell: (j) => shown(j.creationDateTime) },
        ]}
        empty="No batch inference jobs yet."
      />
      {creating && (
        <CreateBatchJobModal
          datasetGroupArn={d.group.datasetGroupArn!}
          onClose={(created) => {
            setCreating(false);
            if (created) loaded.reload();
          }}
        />
      )}
    </ContentLayout>
  );
}

type Option = { value?: string; label?: string };

function CreateBatchJobModal({
  datasetGroupArn,
  onClose,
}: {
  datasetGroupArn: string;
  onClose: (created: boolean) => void;
}) {
  const { personalize } = useClients();
  const choices = useLoad(['create-batch-inference-job', datasetGroupArn], async () => {
    const [versions, filters] = await Promise.all([
      activeVersions(personalize, datasetGroupArn),
      listFilters(personalize, datasetGroupArn),
    ]);
    return {
      versions,
      filters: filters
        .filter((f) => f.status === 'ACTIVE')
        .map((f) => ({ value: f.filterArn!, label: f.name! })),
    };
  });
  const [form, setForm] = useState<BatchJobForm>({
    jobName: '',
    solutionVersionArn: '',
    input: '',
    output: '',
    roleArn: '',
    filterArn: '',
  });
  const [version, setVersion] = useState<Option>();
  const [filter, setFilter] = useState<Option>({ label: 'None' });
  const set = (field: keyof BatchJobForm) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const errors = {
    jobName: nameError(form.jobName),
    input: s3PathError(form.input),
    output: s3PathError(form.output),
    roleArn: roleArnError(form.roleArn),
  };
  const text = (field: keyof typeof errors, label: string, placeholder: string) => (
    <FormField label={label} errorText={errors[field]}>
      <Input
        value={form[field]}
        placeholder={placeholder}
        onChange={({ detail }) => set(field)(detail.value)}
      />
    </FormField>
  );
  return (
    <FormModal
      title="Create batch inference job"
      valid={
        Object.values(errors).every((e) => !e) &&
        !!form.jobName &&
        !!form.solutionVersionArn &&
        !!form.input &&
        !!form.output &&
        !!form.roleArn
      }
      submit={() => personalize.send(new CreateBatchInferenceJobCommand(batchJobRequest(form)))}
      onClose={onClose}
    >
      {text('jobName', 'Job name', '')}
      <FormField label="Solution version" description="Only ACTIVE versions.">
        <Select
          selectedOption={version ?? null}
          options={choices.data?.versions ?? []}
          statusType={choices.loading ? 'loading' : 'finished'}
          empty="No ACTIVE version in this group: train one first."
          placeholder="Choose a version"
          onChange={({ detail }) => {
            setVersion(detail.selectedOption);
            set('solutionVersionArn')(detail.selectedOption.value ?? '');
          }}
        />
      </FormField>
      {text('input', 'Input data location', 's3://bucket/users.json')}
      {text('output', 'Output location', 's3://bucket/recommendations/')}
      {text('roleArn', 'IAM role ARN', 'arn:aws:iam::123456789012:role/PersonalizeS3')}
      <FormField label="Filter" description="Optional.">
        <Select
          selectedOption={filter}
          options={[{ label: 'None' }, ...(choices.data?.filters ?? [])]}
          onChange={({ detail }) => {
            setFilter(detail.selectedOption);
            set('filterArn')(detail.selectedOption.value ?? '');
          }}
        />
      </FormField>
    </FormModal>
  );
}
