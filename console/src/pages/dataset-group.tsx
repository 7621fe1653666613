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
            {
              id: 'solutions',
              label: `Solutions (${o.solutions.length})`,
              content: (
                <Table
                  variant="embedded"
                  header={
                    <Header
                      actions={
                        <SpaceBetween direction="horizontal" size="xs">
                          <Button href={href(`${base}/batch-inference-jobs`)} onFollow={follow}>
                            Batch inference jobs
                          </Button>
                          <Button onClick={() => navigate(`${base}/solutions/create`)}>
                            Create solution
                          </Button>
                        </SpaceBetween>
                      }
                    >
                      Solutions
                    </Header>
                  }
                  items={o.solutions}
                  columnDefinitions={[
                    {
                      id: 'name',
                      header: 'Name',
                      cell: (s) => (
                        <ConsoleLink to={`${base}/solutions/${s.name}`}>{s.name}</ConsoleLink>
                      ),
                    },
                    {
                      id: 'recipe',
                      header: 'Recipe',
                      cell: (s) => (s.recipeArn ? nameOf(s.recipeArn) : 'AutoML'),
                    },
                    { id: 'status', header: 'Status', cell: (s) => <Status status={s.status} /> },
                    { id: 'created', header: 'Created', cell: (s) => shown(s.creationDateTime) },
                  ]}
                  empty="No solutions yet."
                />
              ),
            },
            {
              id: 'campaigns',
              label: `Campaigns (${o.campaigns.length})`,
              content: (
                <Table
                  variant="embedded"
                  header={
                    <Header
                      actions={
                        <Button onClick={() => navigate(`${base}/campaigns/create`)}>
                          Create campaign
                        </Button>
                      }
                    >
                      Campaigns
                    </Header>
                  }
                  items={o.campaigns}
                  columnDefinitions={[
                    {
                      id: 'name',
                      header: 'Name',
                      cell: (c) => (
                        <ConsoleLink to={`${base}/campaigns/${c.name}`}>{c.name}</ConsoleLink>
                      ),
                    },
                    {
                      id: 'status',
                      header: 'Status',
                      cell: (c) => <Status status={c.status} reason={c.failureReason} />,
                    },
                    { id: 'created', header: 'Created', cell: (c) => shown(c.creationDateTime) },
                  ]}
                  empty="No campaigns yet."
                />
              ),
            },
            {
              id: 'recommenders',
              label: `Recommenders (${o.recommenders.length})`,
              content: (
                <Table
                  variant="embedded"
                  header={
                    <Header
                      actions={
                        <Button
                          disabled={!o.group.domain}
                          onClick={() => navigate(`${base}/recommenders/create`)}
                        >
                          Create recommender
                        </Button>
                      }
                    >
                      Recommenders
                    </Header>
                  }
                  items={o.recommenders}
                  columnDefinitions={[
                    {
                      id: 'name',
                      header: 'Name',
                      cell: (r) => (
                        <ConsoleLink to={`${base}/recommenders/${r.name}`}>{r.name}</ConsoleLink>
                      ),
                    },
                    { id: 'use-case', header: 'Use case', cell: (r) => nameOf(r.recipeArn ?? '') },
                    { id: 'status', header: 'Status', cell: (r) => <Status status={r.status} /> },
                    { id: 'created', header: 'Created', cell: (r) => shown(r.creationDateTime) },
                  ]}
                  empty={
                    o.group.domain
                      ? 'No recommenders yet.'
                      : 'Recommenders belong to domain dataset groups.'
                  }
                />
              ),
            },
            {
              id: 'filters',
              label: `Filters (${o.filters.length})`,
              content: (
                <Table
                  variant="embedded"
                  header={
                    <Header
                      actions={<Button onClick={() => setCreating('filter')}>Create filter</Button>}
                    >
                      Filters
                    </Header>
                  }
                  items={o.filters}
                  columnDefinitions={[
                    { id: 'name', header: 'Name', cell: (f) => f.name },
                    {
                      id: 'status',
                      header: 'Status',
                      cell: (f) => <Status status={f.status} reason={f.failureReason} />,
                    },
                    { id: 'created', header: 'Created', cell: (f) => shown(f.creationDateTime) },
                  ]}
                  empty="No filters yet."
                />
              ),
            },
            {
              id: 'trackers',
              label: `Event trackers (${o.trackers.length})`,
              content: (
                <Table
                  variant="embedded"
                  header={
                    <Header
                      actions={
                        <Button onClick={() => setCreating('tracker')}>Create event tracker</Button>
                      }
                    >
                      Event trackers
                    </Header>
                  }
                  items={o.trackers}
                  columnDefinitions={[
                    { id: 'name', header: 'Name', cell: (t) => t.name },
                    { id: 'status', header: 'Status', cell: (t) => <Status status={t.status} /> },
                    { id: 'created', header: 'Created', cell: (t) => shown(t.creationDateTime) },
                  ]}
                  empty="No event trackers yet."
                />
              ),
            },
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
