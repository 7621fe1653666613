/**
 * A dataset group's overview as Personalize's console shows it: the workflow from data to
 * recommendations, each step's state and the next thing to do, then each kind of resource.
 */
import { DescribeSolutionCommand, type PersonalizeClient } from '@aws-sdk/client-personalize';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { CreateFilterModal } from '../components/create-filter';
import { CreateTrackerModal } from '../components/create-tracker';
import { nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import {
  listCampaigns,
  listDatasets,
  listEventTrackers,
  listFilters,
  listImportJobs,
  listRecommenders,
  listSolutions,
  newestFirst,
} from '../api/lists';
import { isChanging, useLoad } from '../api/use-load';
import { shown } from '../components/dates';
import { ConsoleLink, href, useFollow } from '../components/links';
import { Status } from '../components/status';
import { LoadError } from '../components/load-error';
import { resourceTab } from '../components/resource-tab';
import { nextStep, workflow } from './workflow';

const DATASET_TYPES = ['Interactions', 'Items', 'Users'] as const;

async function loadOverview(client: PersonalizeClient, name: string) {
  const group = await findGroup(client, name);
  const arn = group.datasetGroupArn!;
  const [datasets, solutions, recommenders, filters, trackers] = await Promise.all([
    listDatasets(client, arn),
    listSolutions(client, arn),
    listRecommenders(client, arn),
    listFilters(client, arn),
    listEventTrackers(client, arn),
  ]);
  const interactions = datasets.find((d) => d.datasetType?.toUpperCase() === 'INTERACTIONS');
  const [imports, campaigns, latestVersions] = await Promise.all([
    interactions ? listImportJobs(client, interactions.datasetArn!) : [],
    Promise.all(solutions.map((s) => listCampaigns(client, s.solutionArn!))).then((c) => c.flat()),
    Promise.all(
      solutions.map(async (s) => {
        const { solution } = await client.send(
          new DescribeSolutionCommand({ solutionArn: s.solutionArn }),
        );
        return solution?.latestSolutionVersion;
      }),
    ),
  ]);
  return {
    group,
    datasets,
    latestImport: newestFirst(imports).at(0),
    solutions,
    latestVersions: latestVersions.filter((v) => v !== undefined),
    campaigns,
    recommenders,
    filters,
    trackers,
  };
}

export type Overview = Awaited<ReturnType<typeof loadOverview>>;

const changing = (o: Overview): boolean =>
  [
    o.group,
    o.latestImport,
    ...o.datasets,
    ...o.solutions,
    ...o.campaigns,
    ...o.recommenders,
    ...o.filters,
  ].some((r) => isChanging(r?.status));

export function DatasetGroupPage() {
  const { group: name = '' } = useParams();
  const { personalize } = useClients();
  const navigate = useNavigate();
  const follow = useFollow();
  const [creating, setCreating] = useState<'filter' | 'tracker'>();
  const overview = useLoad(
    ['dataset-group', name],
    () => loadOverview(personalize, name),
    changing,
  );
  const o = overview.data;
  const base = `/dataset-groups/${name}`;
  if (!o) return <LoadError loaded={overview} what={`dataset group ${name}`} />;
  const steps = workflow(o, base);
  const closeModal = (created: boolean) => {
    setCreating(undefined);
    if (created) overview.reload();
  };
  const next = nextStep(steps);
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={o.group.datasetGroupArn}
          actions={<Button iconName="refresh" ariaLabel="Refresh" onClick={overview.reload} />}
        >
          {name}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container
          header={
            <Header
              variant="h2"
              actions={
                next && (
                  <Button variant="primary" onClick={() => navigate(next.action.to)}>
                    {next.action.text}
                  </Button>
                )
              }
            >
              Workflow
            </Header>
          }
        >
          <ColumnLayout columns={steps.length} variant="text-grid">
            {steps.map((step, i) => (
              <div key={step.title} data-step={step.title}>
                <Box variant="awsui-key-label">
                  {i + 1}. {step.title}
                </Box>
                <Status status={step.status} />
                <Box color="text-body-secondary">{step.detail}</Box>
              </div>
            ))}
          </ColumnLayout>
        </Container>
        <Tabs
          tabs={[
            {
              id: 'datasets',
              label: 'Datasets',
              content: (
                <Table
                  variant="embedded"
                  items={DATASET_TYPES.map((type) => ({
                    type,
                    dataset: o.datasets.find(
                      (d) => d.datasetType?.toUpperCase() === type.toUpperCase(),
                    ),
                  }))}
                  columnDefinitions={[
                    {
                      id: 'type',
                      header: 'Type',
                      cell: ({ type }) => (
                        <ConsoleLink to={`${base}/datasets/${type.toLowerCase()}`}>
                          {type}
                        </ConsoleLink>
                      ),
                    },
                    {
                      id: 'name',
                      header: 'Name',
                      cell: ({ dataset }) => dataset?.name ?? 'Not created',
                    },
                    {
                      id: 'status',
                      header: 'Status',
                      cell: ({ dataset }) => dataset && <Status status={dataset.status} />,
                    },
                    {
                      id: 'updated',
                      header: 'Updated',
                      cell: ({ dataset }) => shown(dataset?.lastUpdatedDateTime),
                    },
                  ]}
                />
              ),
            },
            resourceTab({
              id: 'solutions',
              title: 'Solutions',
              items: o.solutions,
              link: (s) => `${base}/solutions/${s.name}`,
              columns: [
                {
                  id: 'recipe',
                  header: 'Recipe',
                  cell: (s) => (s.recipeArn ? nameOf(s.recipeArn) : 'AutoML'),
                },
              ],
              actions: (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button href={href(`${base}/batch-inference-jobs`)} onFollow={follow}>
                    Batch inference jobs
                  </Button>
                  <Button onClick={() => navigate(`${base}/solutions/create`)}>
                    Create solution
                  </Button>
                </SpaceBetween>
              ),
              empty: 'No solutions yet.',
            }),
            resourceTab({
              id: 'campaigns',
              title: 'Campaigns',
              items: o.campaigns,
              link: (c) => `${base}/campaigns/${c.name}`,
              actions: (
                <Button onClick={() => navigate(`${base}/campaigns/create`)}>
                  Create campaign
                </Button>
              ),
              empty: 'No campaigns yet.',
            }),
            resourceTab({
              id: 'recommenders',
              title: 'Recommenders',
              items: o.recommenders,
              link: (r) => `${base}/recommenders/${r.name}`,
              columns: [
                { id: 'use-case', header: 'Use case', cell: (r) => nameOf(r.recipeArn ?? '') },
              ],
              actions: (
                <Button
                  disabled={!o.group.domain}
                  onClick={() => navigate(`${base}/recommenders/create`)}
                >
                  Create recommender
                </Button>
              ),
              empty: o.group.domain
                ? 'No recommenders yet.'
                : 'Recommenders belong to domain dataset groups.',
            }),
            resourceTab({
              id: 'filters',
              title: 'Filters',
              items: o.filters,
              actions: <Button onClick={() => setCreating('filter')}>Create filter</Button>,
              empty: 'No filters yet.',
            }),
            resourceTab({
              id: 'trackers',
              title: 'Event trackers',
              items: o.trackers,
              actions: <Button onClick={() => setCreating('tracker')}>Create event tracker</Button>,
              empty: 'No event trackers yet.',
            }),
          ]}
        />
      </SpaceBetween>
      {creating === 'filter' && (
        <CreateFilterModal
          datasetGroupArn={o.group.datasetGroupArn!}
          datasets={o.datasets}
          onClose={closeModal}
        />
      )}
      {creating === 'tracker' && (
        <CreateTrackerModal datasetGroupArn={o.group.datasetGroupArn!} onClose={closeModal} />
      )}
    </ContentLayout>
  );
}
