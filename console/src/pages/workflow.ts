/**
 * Where a dataset group stands in Personalize's workflow (data, import, then a solution and a
 * campaign, or a recommender in a domain group) and the next thing to do.
 */
import type { Overview } from './dataset-group';

export interface Step {
  title: string;
  status?: string;
  detail: string;
  /** The next thing to do, when this step is where the group stands. */
  action: { text: string; to: string };
}

export function workflow(o: Overview, base: string): Step[] {
  const interactions = o.datasets.find((d) => d.datasetType?.toUpperCase() === 'INTERACTIONS');
  const domain = o.group.domain;
  const trained = o.latestVersions.find((v) => v.status === 'ACTIVE');
  const steps: Step[] = [
    {
      title: 'Interactions dataset',
      status: interactions?.status,
      detail: interactions ? `${o.datasets.length} dataset(s)` : 'Not created',
      action: { text: 'Create the Interactions dataset', to: `${base}/datasets/interactions` },
    },
    {
      title: 'Import',
      status: o.latestImport?.status,
      detail: o.latestImport ? `Latest: ${o.latestImport.jobName}` : 'No import yet',
      action: { text: 'Import interactions', to: `${base}/datasets/interactions` },
    },
  ];
  if (domain) {
    steps.push({
      title: 'Recommender',
      status: o.recommenders[0]?.status,
      detail: `${o.recommenders.length} recommender(s)`,
      action: { text: 'Create a recommender', to: `${base}/recommenders/create` },
    });
  } else {
    steps.push(
      {
        title: 'Solution',
        status: o.solutions.find((s) => s.status === 'ACTIVE')?.status ?? o.solutions[0]?.status,
        detail: `${o.solutions.length} solution(s)`,
        action: { text: 'Create a solution', to: `${base}/solutions/create` },
      },
      {
        title: 'Solution version',
        status: trained?.status ?? o.latestVersions[0]?.status,
        detail: trained ? 'Trained' : 'None trained yet',
        action: {
          text: 'Train a version',
          to: `${base}/solutions/${o.solutions[0]?.name ?? ''}`,
        },
      },
      {
        title: 'Campaign',
        status: o.campaigns.find((c) => c.status === 'ACTIVE')?.status ?? o.campaigns[0]?.status,
        detail: `${o.campaigns.length} campaign(s)`,
        action: { text: 'Create a campaign', to: `${base}/campaigns/create` },
      },
    );
  }
  return steps;
}

/** The first step not done: where the group stands. */
export const nextStep = (steps: Step[]): Step | undefined =>
  steps.find((step) => step.status !== 'ACTIVE');
