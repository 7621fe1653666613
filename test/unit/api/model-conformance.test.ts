/**
 * Tailor's request shapes held against Amazon's own models of the three Personalize APIs
 * (models/botocore, issue 13): every member, its required flag, its bounds, pattern and enum,
 * recursively; the operations Tailor leaves out; and the HTTP status of each exception.
 */
import * as errors from '../../../layers/core/api/errors';
import type { ServiceError } from '../../../layers/core/api/errors';
import { MODEL_ERRORS } from '../../../layers/core/api/model-errors';
import type { Operation } from '../../../layers/core/operations/operation';
import { CONTROL_OPERATIONS } from '../../../layers/core/operations';
import { EVENTS_OPERATIONS } from '../../../layers/core/operations/events';
import { RUNTIME_OPERATIONS } from '../../../layers/core/operations/runtime';
import { modelErrors } from '../../../scripts/model-errors';
import {
  describeMismatch,
  loadModel,
  ShapeComparison,
  type Mismatch,
  type Service,
} from '../../helpers/botocore-models';

const APIS: readonly { service: Service; operations: readonly Operation[] }[] = [
  { service: 'personalize', operations: CONTROL_OPERATIONS },
  { service: 'personalize-events', operations: EVENTS_OPERATIONS },
  { service: 'personalize-runtime', operations: RUNTIME_OPERATIONS },
];

/** The model operations Tailor does not serve yet: metric attributions, batch segment jobs and the actions APIs. */
const UNIMPLEMENTED: Record<Service, readonly string[]> = {
  personalize: [
    'CreateBatchSegmentJob',
    'CreateMetricAttribution',
    'DeleteMetricAttribution',
    'DescribeBatchSegmentJob',
    'DescribeMetricAttribution',
    'ListBatchSegmentJobs',
    'ListMetricAttributionMetrics',
    'ListMetricAttributions',
    'UpdateMetricAttribution',
  ],
  'personalize-events': ['PutActionInteractions', 'PutActions'],
  'personalize-runtime': ['GetActionRecommendations'],
};

/**
 * Where Tailor's shape differs from the model on purpose, and why: `where aspect`, as the
 * mismatches name them (`*` stands for any text). Every entry must still match a difference.
 */
const ALLOWED: Record<string, string> = {
  // Control plane.
  'UntagResource.tagKeys list length max':
    "The operation refuses more than 50 keys with the model's TooManyTagKeysException.",
  'CreateDataset.datasetType pattern':
    'The model takes any letters; Tailor refuses a dataset type it does not know (in any case) with the validation errors.',
  'Create*.dataSource.dataLocation required':
    'DataSource, shared by import and deletion jobs, leaves its one member optional; a job without a location has nothing to read.',
  'CreateSolution.solutionConfig.hpoConfig.hpoObjective.type enum':
    'The model documents Maximize and Minimize as the values.',
  'CreateSolution.solutionConfig.*.metricName enum':
    'Tailor optimizes and ranks by the offline metrics it computes (domain/metrics.ts); a name it cannot compute is refused.',
  'CreateSolution.solutionConfig.hpoConfig.algorithmHyperParameterRanges.*[].* required':
    "A range is checked against the recipe's hyperparameter of its name, within its bounds; one without them ranges over nothing.",
  '*.eventParametersList[].eventType required':
    'An entry weighs the events of the type it names; without one it weighs nothing.',
  '*.eventParametersList[].eventType length min':
    'No event has the empty type (PutEvents and imports require 1 character), so an entry naming it weighs nothing.',
  'CreateSolutionVersion.trainingMode enum':
    'The enum names the modes a caller can ask for; automatic training (operations/scheduled/scheduled-training.ts) trains FULL and marks its versions with trainingType AUTOMATIC.',
  'CreateBatchInferenceJob.numResults range min':
    'The model bounds none; each line is answered as GetRecommendations answers, with at least 1 item.',
  'CreateBatchInferenceJob.numResults range max':
    'The model bounds none; each line is answered as GetRecommendations answers, with at most its documented 500.',
  // Events.
  'PutEvents.eventList[].sentAt range min':
    'sentAt is epoch seconds: a time before 1970 is refused rather than stored (data/field-values.ts).',
  'PutEvents.eventList[].sentAt range max':
    'sentAt is epoch seconds: a time that looks like milliseconds is refused rather than stored 1000 times too late.',
  // Runtime.
  '*.userId length min':
    'The runtime model sets no minimum, but no user has the empty ID (the events API and imports require 1 character), and the event store cannot be searched by it.',
  'GetRecommendations.itemId length min':
    'The runtime model sets no minimum, but no item has the empty ID (the events API and imports require 1 character).',
  'GetPersonalizedRanking.inputList[] length min':
    'The runtime model sets no minimum, but no item has the empty ID (the events API and imports require 1 character).',
  'GetRecommendations.numResults range max':
    'The model documents 500 as the most (50 with metadata, which the operation checks).',
  'GetPersonalizedRanking.inputList list length min': 'A ranking of no items ranks nothing.',
  'GetPersonalizedRanking.inputList list length max':
    'The model documents 500 as the most (50 with metadata, which the operation checks).',
  '*.metadataColumns{} list length max':
    'The model allows 99 columns but documents 10 as the most, which Tailor refuses at the shape.',
};

const allowedPattern = (key: string) =>
  new RegExp(`^${key.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const ALLOWED_PATTERNS = Object.keys(ALLOWED).map((key) => [key, allowedPattern(key)] as const);
const allowanceFor = (m: Mismatch) =>
  ALLOWED_PATTERNS.find(([, pattern]) => pattern.test(`${m.where} ${m.aspect}`))?.[0];

/** More strings to try the model's patterns and Tailor's on, for the ones written otherwise. */
const EXTRA_PROBES = ['INTERACTIONS', 'Interactions', 'Items', 'users', 'ACTION_INTERACTIONS'];

const compared = APIS.flatMap(({ service, operations }) => {
  const model = loadModel(service);
  return operations.map((operation) => {
    const comparison = new ShapeComparison(model, EXTRA_PROBES);
    comparison.operation(operation.name, operation.input);
    return { service, operation, model, mismatches: comparison.mismatches };
  });
});

describe('request shapes', () => {
  it.each(compared.map((c) => [c.operation.name, c] as const))(
    '%s takes the members, bounds, patterns and enums of the model',
    (_, { mismatches }) => {
      const unexplained = mismatches.filter((m) => !allowanceFor(m)).map(describeMismatch);
      expect(unexplained).toEqual([]);
    },
  );

  it('allows only differences that still exist', () => {
    const used = new Set(compared.flatMap((c) => c.mismatches.map(allowanceFor)));
    expect(Object.keys(ALLOWED).filter((key) => !used.has(key))).toEqual([]);
  });

  it.each(compared.map((c) => [c.operation.name, c] as const))(
    '%s is served where the model says',
    (_, { operation, model }) => {
      const http = model.operations[operation.name]!.http;
      if (model.metadata.protocol === 'json') {
        expect(operation.route).toBeUndefined();
      } else {
        expect([http.method, operation.route]).toEqual(['POST', http.requestUri]);
      }
    },
  );
});

describe('operations', () => {
  it.each(APIS.map((api) => [api.service, api] as const))(
    '%s: Tailor serves every model operation but the listed ones, and none of its own',
    (service, { operations }) => {
      const modelled = Object.keys(loadModel(service).operations);
      const served = operations.map((operation) => operation.name);
      expect(served.filter((name) => !modelled.includes(name))).toEqual([]);
      expect(modelled.filter((name) => !served.includes(name)).sort()).toEqual(
        [...UNIMPLEMENTED[service]].sort(),
      );
    },
  );
});

/** errors.ts's classes by the name they export, which is the wire name. */
const ERROR_CLASSES = errors as unknown as Record<string, new (message: string) => ServiceError>;

describe('exceptions', () => {
  it('layers/core/api/model-errors.ts is what scripts/model-errors.ts makes of the models', () => {
    expect(MODEL_ERRORS).toEqual(modelErrors(loadModel));
  });

  it('has a class for every exception a model declares, named as the wire names it', () => {
    const declared = new Set(Object.values(MODEL_ERRORS).flatMap((table) => Object.keys(table)));
    const named = [...declared].map((name) => {
      const Class = ERROR_CLASSES[name];
      return [name, Class && new Class('message').name];
    });
    expect(named).toEqual([...declared].map((name) => [name, name]));
  });

  it('gives control-plane errors the status the control model gives them', () => {
    const statuses = Object.keys(MODEL_ERRORS.personalize).map((name) => [
      name,
      new ERROR_CLASSES[name]!('message').statusCode,
    ]);
    expect(Object.fromEntries(statuses)).toEqual(MODEL_ERRORS.personalize);
  });

  it('has the events and runtime models agree on the exceptions both declare', () => {
    // http.ts answers both APIs from one table, merged from the two.
    const events: Record<string, number> = MODEL_ERRORS['personalize-events'];
    const runtime: Record<string, number> = MODEL_ERRORS['personalize-runtime'];
    const shared = Object.keys(runtime).filter((name) => name in events);
    expect(shared.map((name) => [name, runtime[name]])).toEqual(
      shared.map((name) => [name, events[name]]),
    );
  });
});
