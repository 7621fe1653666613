import { describe, expect, it } from 'vitest';
import type { Overview } from '../src/pages/dataset-group';
import { nextStep, workflow } from '../src/pages/workflow';

const BASE = '/dataset-groups/movies';

/** A custom group with nothing in it; each test adds what it needs. */
const empty = (): Overview => ({
  group: {
    name: 'movies',
    datasetGroupArn: 'arn:aws:personalize:us-east-1:1:dataset-group/movies',
  },
  datasets: [],
  latestImport: undefined,
  solutions: [],
  latestVersions: [],
  campaigns: [],
  recommenders: [],
  filters: [],
  trackers: [],
});

describe('the workflow', () => {
  it('starts with the Interactions dataset', () => {
    const steps = workflow(empty(), BASE);

    expect(steps.map((s) => s.title)).toEqual([
      'Interactions dataset',
      'Import',
      'Solution',
      'Solution version',
      'Campaign',
    ]);
    expect(nextStep(steps)?.action).toEqual({
      text: 'Create the Interactions dataset',
      to: `${BASE}/datasets/interactions`,
    });
  });

  it('asks for a version once a solution exists, and names the solution', () => {
    const o = empty();
    o.datasets = [{ datasetType: 'INTERACTIONS', status: 'ACTIVE' }];
    o.latestImport = { jobName: 'first', status: 'ACTIVE' };
    o.solutions = [{ name: 'personal', status: 'ACTIVE' }];
    o.latestVersions = [{ status: 'CREATE IN_PROGRESS' }];

    const steps = workflow(o, BASE);

    expect(steps[3]).toMatchObject({ status: 'CREATE IN_PROGRESS', detail: 'None trained yet' });
    expect(nextStep(steps)?.action).toEqual({
      text: 'Train a version',
      to: `${BASE}/solutions/personal`,
    });
  });

  it('is done when a campaign is ACTIVE', () => {
    const o = empty();
    o.datasets = [{ datasetType: 'INTERACTIONS', status: 'ACTIVE' }];
    o.latestImport = { jobName: 'first', status: 'ACTIVE' };
    o.solutions = [{ name: 'personal', status: 'ACTIVE' }];
    o.latestVersions = [{ status: 'ACTIVE' }];
    o.campaigns = [
      { name: 'old', status: 'CREATE FAILED' },
      { name: 'home', status: 'ACTIVE' },
    ];

    expect(nextStep(workflow(o, BASE))).toBeUndefined();
  });

  it('leads a domain group to a recommender instead of a solution', () => {
    const o = empty();
    o.group.domain = 'VIDEO_ON_DEMAND';

    expect(workflow(o, BASE).map((s) => s.title)).toEqual([
      'Interactions dataset',
      'Import',
      'Recommender',
    ]);
  });

  it('leads a domain group with its data imported to the recommender form', () => {
    const o = empty();
    o.group.domain = 'VIDEO_ON_DEMAND';
    o.datasets = [{ datasetType: 'INTERACTIONS', status: 'ACTIVE' }];
    o.latestImport = { jobName: 'first', status: 'ACTIVE' };

    expect(nextStep(workflow(o, BASE))?.action).toEqual({
      text: 'Create a recommender',
      to: `${BASE}/recommenders/create`,
    });
  });
});
