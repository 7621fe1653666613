/**
 * The fuzzer's requests, each made from the seed and its index alone: valid-ish calls of every
 * operation in the official models (some through the official clients), the same with one
 * member hostile, missing or added, and requests the protocol layer must refuse.
 */
import { createRandom, type Random } from '../../../layers/core/recipes/evaluation/random';
import { pathsIn, valueAt, withValue, type Path } from './edits';
import { jsonText } from './json-text';
import type { MemberRef, ServiceId, ServiceModel, Shape } from './service-models';
import { pick, ValueMaker } from './values';
import type { World } from './world';

export type RequestKind =
  | 'valid'
  | 'one member hostile'
  | 'required member missing'
  | 'unknown member'
  | 'every member hostile'
  | 'malformed body'
  | 'wrong content type'
  | 'unknown target'
  | 'wrong method or path'
  | 'hostile headers'
  | 'oversized body';

export interface FuzzRequest {
  kind: RequestKind;
  service: ServiceId;
  /** The model's operation the request was made for. */
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The input the body was written from, where there is one: the shrinker edits it. */
  input?: unknown;
  body: string;
  /** Sent with the service's official SDK client rather than as raw HTTP. */
  viaSdk: boolean;
}

const KIND_WEIGHTS: readonly (readonly [RequestKind, number])[] = [
  ['valid', 34],
  ['one member hostile', 30],
  ['required member missing', 7],
  ['unknown member', 5],
  ['every member hostile', 5],
  ['malformed body', 7],
  ['wrong content type', 4],
  ['unknown target', 3],
  ['wrong method or path', 4],
  ['hostile headers', 3],
  ['oversized body', 1],
];
const SERVICE_WEIGHTS: readonly (readonly [ServiceId, number])[] = [
  ['personalize', 60],
  ['personalize-events', 25],
  ['personalize-runtime', 15],
];
/** Of the valid calls, the share sent through the official clients. */
const VIA_SDK = 0.15;

const MALFORMED_BODIES: readonly string[] = [
  '{',
  '{"a":',
  '[]',
  'null',
  '"text"',
  '1',
  'true',
  '\u0000',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":1e400}',
  '\ufeff{}',
  '{} trailing',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  '\xff\xfe{',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  '',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/x-amz-json-1.0',
];
const UNKNOWN_TARGETS = [
  'AmazonPersonalize.Nope',
  'AmazonPersonalize.',
  'AmazonPersonalize.constructor',
  'AmazonPersonalize.__proto__',
  'AmazonPersonalize.hasOwnProperty',
  'AmazonPersonalizeX.CreateDatasetGroup',
  'amazonpersonalize.ListRecipes',
  'DynamoDB_20120810.ListTables',
  ' AmazonPersonalize.ListRecipes',
  'AmazonPersonalize.ListRecipes ',
  'AmazonPersonalize.ListRecipes.Extra',
];
/** Headers a client may add to a valid call; none of them may change what the call does. */
const HOSTILE_HEADERS: readonly ((target: string | undefined) => Record<string, string>)[] = [
  (target) => ({ 'x-amz-target': `${target}, AmazonPersonalize.DeleteDatasetGroup` }),
  () => ({ authorization: 'AWS4-HMAC-SHA256 Credential=garbage' }),
  () => ({ authorization: 'x'.repeat(8000) }),
  () => ({ 'x-amz-date': 'not a date', 'x-amz-security-token': 'x'.repeat(4000) }),
  () => ({ 'content-encoding': 'gzip' }),
  () => ({ 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '-1' }),
  () => ({ accept: 'application/xml' }),
  () => ({ expect: '100-continue' }),
  () => ({ connection: 'close' }),
  () => ({ 'x-http-method-override': 'DELETE' }),
  () => ({ 'x-forwarded-for': '169.254.169.254', host: 'personalize.us-east-1.amazonaws.com' }),
];

const METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'POST'];
const PATHS = [
  '/',
  '/events',
  '/users',
  '/recommendations',
  '/personalize-ranking',
  '/nope',
  '/events/',
  '//events',
  '/v1/events',
  '/..%2fevents',
  '/%00',
  '/%ZZ',
  '/events?x=1&x=2',
  `/${'p'.repeat(6000)}`,
  '/health/',
];

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  let roll = random.int(choices.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [choice, weight] of choices) {
    if ((roll -= weight) < 0) return choice;
  }
  throw new Error('unreachable: the weights sum to the roll’s range');
}

interface Slot {
  path: Path;
  shape: string;
  member: string;
  /** A string that carries a JSON document. */
  jsonvalue: boolean;
}

export class RequestMaker {
  private readonly models: ReadonlyMap<ServiceId, ServiceModel>;

  constructor(
    models: readonly ServiceModel[],
    private readonly world: World,
    private readonly seed: number,
  ) {
    this.models = new Map(models.map((model) => [model.id, model]));
  }

  /** Request `index` of the run: the same seed and index give the same kind, operation and values. */
  make(index: number): FuzzRequest {
    const random = createRandom((this.seed + Math.imul(index, 0x9e3779b9)) >>> 0);
    const model = this.models.get(weighted(random, SERVICE_WEIGHTS))!;
    const operation = pick(random, Object.keys(model.operations));
    const values = new ValueMaker(model.shapes, random, this.world.poolsFor(operation, random));
    const inputShape = model.operations[operation]!.input?.shape;
    const valid = inputShape ? values.valid(inputShape, 'body') : {};
    const kind = weighted(random, KIND_WEIGHTS);
    const slots = inputShape ? slotsOf(model.shapes, inputShape, valid) : [];

    const withInput = (input: unknown, viaSdk = false): FuzzRequest => ({
      ...addressed(model, operation),
      kind,
      input,
      body: jsonText(input),
      viaSdk,
    });
    const raw = (changes: Partial<FuzzRequest>): FuzzRequest => ({
      ...addressed(model, operation),
      kind,
      body: jsonText(valid),
      viaSdk: false,
      ...changes,
    });

    switch (kind) {
      case 'valid':
        return withInput(valid, random.next() < VIA_SDK);
      case 'one member hostile': {
        if (slots.length === 0) return withInput(values.hostile(inputShape ?? 'body', 'body'));
        const slot = pick(random, slots);
        const hostile =
          slot.jsonvalue && random.next() < 0.7
            ? values.hostileDocument()
            : values.hostile(slot.shape, slot.member);
        return withInput(withValue(valid, slot.path, hostile));
      }
      case 'required member missing': {
        const required = requiredPaths(model.shapes, inputShape, valid);
        return withInput(
          required.length ? withValue(valid, pick(random, required), undefined) : valid,
        );
      }
      case 'unknown member': {
        const objects = [[] as Path, ...pathsIn(valid)].filter((path) => {
          const value = valueAt(valid, path);
          return value !== null && typeof value === 'object' && !Array.isArray(value);
        });
        const where = pick(random, objects);
        return withInput(
          withValue(valid, [...where, pick(random, ['fuzzExtra', 'Name', '__type'])], 'x'),
        );
      }
      case 'every member hostile':
        return withInput(values.hostile(inputShape ?? 'body', 'body'));
      case 'malformed body':
        return raw({ body: pick(random, MALFORMED_BODIES) });
      case 'wrong content type': {
        const { headers } = addressed(model, operation);
        const contentType = pick(random, CONTENT_TYPES);
        return raw({ headers: { ...headers, 'content-type': contentType } });
      }
      case 'unknown target':
        return raw({
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': pick(random, UNKNOWN_TARGETS),
          },
        });
      case 'wrong method or path': {
        const { headers } = addressed(model, operation);
        return raw({ method: pick(random, METHODS), path: pick(random, PATHS), headers });
      }
      case 'hostile headers': {
        const { headers } = addressed(model, operation);
        const extra = pick(random, HOSTILE_HEADERS)(headers['x-amz-target']);
        return raw({ headers: { ...headers, ...extra } });
      }
      case 'oversized body':
        return raw({
          body: jsonText({ ...(valid as object), fuzzPadding: 'x'.repeat(1024 * 1024) }),
        });
    }
  }
}

/** Where the service expects an operation: X-Amz-Target for AWS JSON, its path for restJson1. */
function addressed(
  model: ServiceModel,
  operation: string,
): Pick<FuzzRequest, 'service' | 'operation' | 'method' | 'path' | 'headers'> {
  const { http } = model.operations[operation]!;
  if (model.protocol === 'json') {
    return {
      service: model.id,
      operation,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${model.targetPrefix}.${operation}`,
      },
    };
  }
  return {
    service: model.id,
    operation,
    method: http.method,
    path: http.requestUri,
    headers: { 'content-type': 'application/json' },
  };
}

/** Each member a value of `shape` has, or could have: where one hostile value goes. */
function slotsOf(
  shapes: Readonly<Record<string, Shape>>,
  shapeName: string,
  value: unknown,
  path: Path = [],
): Slot[] {
  const shape = shapes[shapeName]!;
  const inner = (ref: MemberRef, member: string, key: string | number): Slot[] => {
    const here = [...path, key];
    return [
      { path: here, shape: ref.shape, member, jsonvalue: ref.jsonvalue === true },
      ...slotsOf(shapes, ref.shape, valueAt(value, [key]), here),
    ];
  };
  if (shape.type === 'structure') {
    return Object.entries(shape.members).flatMap(([name, ref]) =>
      value !== null && typeof value === 'object' ? inner(ref, name, name) : [],
    );
  }
  if (shape.type === 'list' && Array.isArray(value)) {
    return value.flatMap((_, i) => inner(shape.member, 'member', i));
  }
  if (shape.type === 'map' && value !== null && typeof value === 'object') {
    return Object.keys(value).flatMap((key) => inner(shape.value, key, key));
  }
  return [];
}

/** The paths of the required members present in a valid value. */
function requiredPaths(
  shapes: Readonly<Record<string, Shape>>,
  shapeName: string | undefined,
  value: unknown,
): Path[] {
  if (!shapeName) return [];
  const required = (shape: Shape | undefined) =>
    shape?.type === 'structure' ? (shape.required ?? []) : [];
  const top = required(shapes[shapeName]).map((name) => [name] as Path);
  const nested = slotsOf(shapes, shapeName, value).flatMap((slot) =>
    valueAt(value, slot.path) === undefined
      ? []
      : required(shapes[slot.shape]).map((name) => [...slot.path, name] as Path),
  );
  return [...top, ...nested];
}
