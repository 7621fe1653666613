/**
 * A solution: its configuration, and every version's training progress and offline metrics side
 * by side, in a table and a chart, with a way to train another.
 */
import {
  CreateSolutionVersionCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import BarChart from '@cloudscape-design/components/bar-chart';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { arnIn, nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { listVersions, newestFirst } from '../api/lists';
import { isChanging, useLoad } from '../api/use-load';
import { shown } from '../components/dates';
import { LoadError } from '../components/load-error';
import { useNotify } from '../components/notifications';
import { Status } from '../components/status';

/** The metrics compared in the chart: ranking quality at 10, and how much of the catalogue is used. */
export const CHARTED_METRICS = [
  'normalized_discounted_cumulative_gain_at_10',
  'precision_at_10',
  'mean_reciprocal_rank_at_25',
  'coverage',
];

async function loadSolution(client: PersonalizeClient, groupName: string, name: string) {
  const group = await findGroup(client, groupName);
  const solutionArn = arnIn(group.datasetGroupArn!, 'solution', name);
  const [{ solution }, summaries] = await Promise.all([
    client.send(new DescribeSolutionCommand({ solutionArn })),
    listVersions(client, solutionArn),
  ]);
  const versions = await Promise.all(
    newestFirst(summaries).map(async (summary) => {
      const arn = summary.solutionVersionArn!;
      const [{ solutionVersion }, metrics] = await Promise.all([
        client.send(new DescribeSolutionVersionCommand({ solutionVersionArn: arn })),
        summary.status === 'ACTIVE'
          ? client
              .send(new GetSolutionMetricsCommand({ solutionVersionArn: arn }))
              .then((m) => m.metrics ?? {})
          : Promise.resolve({} as Record<string, number>),
      ]);
      return { ...solutionVersion!, id: nameOf(arn), metrics };
    }),
  );
  return { solution: solution!, versions };
}

const format = (value: number | undefined): string =>
  value === undefined ? '-' : value.toFixed(4);

export function SolutionPage() {
  const { group = '', name = '' } = useParams();
  const { personalize } = useClients();
  const notify = useNotify();
  const [training, setTraining] = useState(false);
  const loaded = useLoad(
    ['solution', group, name],
    () => loadSolution(personalize, group, name),
    (d) => isChanging(d.solution.status) || d.versions.some((v) => isChanging(v.status)),
  );
  const d = loaded.data;
  if (!d) return <LoadError loaded={loaded} what={`solution ${name}`} />;
  const { solution, versions } = d;
  const measured = [...versions].reverse().filter((v) => Object.keys(v.metrics).length > 0);
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();

  const train = async () => {
    setTraining(true);
    try {
      const { solutionVersionArn } = await personalize.send(
        new CreateSolutionVersionCommand({ solutionArn: solution.solutionArn }),
      );
      notify.success(`Training version ${nameOf(solutionVersionArn!)}.`);
      loaded.reload();
    } catch (error) {
      notify.failure('Training a version', error);
    }
    setTraining(false);
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={solution.solutionArn}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh" onClick={loaded.reload} />
              <Button variant="primary" loading={training} onClick={() => void train()}>
                Train a version
              </Button>
            </SpaceBetween>
          }
        >
          {name}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Configuration</Header>}>
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Status', value: <Status status={solution.status} /> },
              {
                label: 'Recipe',
                value: nameOf(solution.recipeArn ?? solution.autoMLResult?.bestRecipeArn ?? '-'),
              },
              { label: 'AutoML', value: solution.performAutoML ? 'Yes' : 'No' },
              { label: 'HPO', value: solution.performHPO ? 'Yes' : 'No' },
              {
                label: 'Automatic training',
                value: solution.performAutoTraining
                  ? (solution.solutionConfig?.autoTrainingConfig?.schedulingExpression ?? 'On')
                  : 'Off',
              },
              { label: 'Event type', value: solution.eventType ?? 'All' },
              { label: 'Created', value: shown(solution.creationDateTime) },
            ]}
          />
        </Container>
        <Table
          header={
            <Header variant="h2" counter={`(${versions.length})`}>
              Versions
            </Header>
          }
          items={versions}
          trackBy="id"
          wrapLines
          columnDefinitions={[
            { id: 'id', header: 'Version', cell: (v) => v.id },
            {
              id: 'status',
              header: 'Status',
              cell: (v) => <Status status={v.status} reason={v.failureReason} />,
            },
            {
              id: 'type',
              header: 'Training',
              cell: (v) => `${v.trainingType ?? 'MANUAL'} ${v.trainingMode ?? 'FULL'}`,
            },
            { id: 'created', header: 'Started', cell: (v) => shown(v.creationDateTime) },
            {
              id: 'hpo',
              header: 'Tuned hyperparameters',
              cell: (v) =>
                Object.entries(v.tunedHPOParams?.algorithmHyperParameters ?? {})
                  .map(([key, value]) => `${key}=${value}`)
                  .join(', ') || '-',
            },
            ...metricNames.map((metric) => ({
              id: metric,
              header: metric,
              cell: (v: (typeof versions)[number]) => format(v.metrics[metric]),
            })),
          ]}
          empty="No versions yet: train one."
        />
        <Container
          header={
            <Header
              variant="h2"
              description="Offline metrics of each ACTIVE version, oldest first."
            >
              Metrics
            </Header>
          }
        >
          <BarChart
            series={CHARTED_METRICS.filter((metric) => metricNames.includes(metric)).map(
              (metric) => ({
                title: metric,
                type: 'bar' as const,
                data: measured.map((v) => ({ x: v.id, y: v.metrics[metric] ?? 0 })),
              }),
            )}
            xScaleType="categorical"
            xTitle="Version"
            yTitle="Value"
            height={260}
            hideFilter
            empty="No ACTIVE version yet."
            ariaLabel="Metrics of each version"
          />
        </Container>
      </SpaceBetween>
    </ContentLayout>
  );
}
