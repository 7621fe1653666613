/**
 * Values for a member of a service model's shape: valid-ish ones (the right type and bounds, real
 * ARNs and IDs where the world has them, so requests reach deep code) and hostile ones (each
 * kind of value a careless or malicious client sends).
 */
import type { Random } from '../../../layers/core/recipes/evaluation/random';
import { own, RawJson } from './json-text';
import type { Shape } from './service-models';

/** Real values the requests may name: what the world made and what the fuzzer created since. */
export interface ValuePools {
  /** Real values for a member, looked up by member name and then by shape name. */
  real(member: string, shape: string): readonly string[] | undefined;
  /** Every real ARN. */
  arns(): readonly string[];
  /** A resource name no request has used yet. */
  freshName(): string;
}

export const pick = <T>(random: Random, values: readonly T[]): T =>
  values[random.int(values.length)]!;

/** A structure nested deeper than any Personalize shape: parsers that recurse meet it. */
const DEEP = 5_000;
const deepArray = () => new RawJson(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`);

const WRONG_TYPES: readonly (() => unknown)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 'x',
  () => [],
  () => ({}),
  () => [null],
  () => own('__proto__', { polluted: true }),
  deepArray,
];

const HOSTILE_TEXT: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\ufeff',
  '🧪 ünïcödé ☃ 𝔘 ‮rtl',
  "' OR '1'='1",
  '"; DROP TABLE t; --',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '%s%s%n',
  '\\',
  '__proto__',
  'constructor',
  'toString',
  'null',
  '{',
  '{"__proto__":{"polluted":1}}',
  's3://',
  's3://tailor-data/',
  's3://tailor-models/x',
  's3://missing-bucket/x.csv',
  's3://fuzz/a\u0000.csv',
  'http://169.254.169.254/latest/meta-data/',
  'arn:aws:personalize:::',
  'arn:aws:personalize:us-east-1:000000000000:',
  'arn:aws:personalize:us-east-1:000000000000:dataset-group/',
  'arn:aws:iam::000000000000:role/x',
];

const KINDS = [
  'dataset-group',
  'schema',
  'dataset',
  'event-tracker',
  'solution',
  'campaign',
  'filter',
  'recipe',
  'dataset-import-job',
  'batch-inference-job',
] as const;

const HOSTILE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1,
  -0.5,
  1.5,
  2147483647,
  2147483648,
  -2147483649,
  1e16,
  -1e16,
  1e300,
  -1e300,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  new RawJson('9007199254740993'),
  new RawJson('-9007199254740993'),
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson(`1${'0'.repeat(400)}`),
  new RawJson(`0.${'0'.repeat(400)}1`),
  new RawJson('-0'),
  'NaN',
  'Infinity',
  '1',
  '',
];

const HOSTILE_DOCUMENTS: readonly string[] = [
  '{"age": 1e400}',
  '{"age": 9007199254740993}',
  '{"age": "NaN"}',
  '{"age": null}',
  '{"age": [1]}',
  '{"age": {"a": 1}}',
  '{"age": 30, "age": "thirty"}',
  '{"AGE": 30}',
  '{"__proto__": {"age": 1}}',
  '{"constructor": {"prototype": {"age": 1}}}',
  '{"userId": "someone-else"}',
  '{"creationTimestamp": -1}',
  '{"creationTimestamp": 1e300}',
  `{"genres": "a${'|'.repeat(2000)}"}`,
  `{"device": "${'d'.repeat(5000)}"}`,
  '{"device": "\u0000"}',
  '[]',
  '"x"',
  '1',
  'null',
  '{',
  '',
];

const HOSTILE_TIMESTAMPS: readonly unknown[] = [
  ...HOSTILE_NUMBERS,
  1.7e12,
  -62135596800,
  253402300800,
  '2020-01-01T00:00:00Z',
  'yesterday',
];

/** Printable names for the model's patterns, so a valid-ish value passes the pattern. */
const FOR_PATTERN: Readonly<Record<string, (random: Random) => string>> = {
  'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+': () =>
    'arn:aws:iam::000000000000:role/fuzz',
  '(s3|http|https)://.+': (random) => `s3://fuzz/${random.int(1000)}/`,
  'arn:aws.*:kms:.*:[0-9]{12}:key/.*': () => 'arn:aws:kms:us-east-1:000000000000:key/fuzz',
  'rate\\(\\d+ days?\\)': (random) => `rate(${1 + random.int(7)} days)`,
  '\\p{ASCII}{0,1500}': (random) => word(random, 8),
};

/** Members Tailor refuses by design (it serves campaigns, not domain recommenders; README). */
const UNSERVED = new Set(['recommenderArn']);

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const word = (random: Random, length: number) =>
  Array.from({ length }, () => LETTERS[random.int(LETTERS.length)]).join('');

const clamp = (n: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  Math.max(min, Math.min(max, n));

export class ValueMaker {
  constructor(
    private readonly shapes: Readonly<Record<string, Shape>>,
    private readonly random: Random,
    private readonly pools: ValuePools,
  ) {}

  shape(name: string): Shape {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`the model has no shape ${name}`);
    return shape;
  }

  /** A value of the right type and bounds, real where the world has one. */
  valid(shapeName: string, member: string, depth = 0): unknown {
    const shape = this.shape(shapeName);
    const { random } = this;
    switch (shape.type) {
      case 'structure':
        return Object.fromEntries(
          Object.entries(shape.members).flatMap(([name, ref]) =>
            shape.required?.includes(name) ||
            (depth < 4 && !UNSERVED.has(name) && random.next() < this.inclusion(name, ref.shape))
              ? [
                  [
                    name,
                    ref.jsonvalue
                      ? this.jsonDocument(name)
                      : this.valid(ref.shape, name, depth + 1),
                  ],
                ]
              : [],
          ),
        );
      case 'list':
        return Array.from({ length: clamp(1 + random.int(3), shape.min, shape.max) }, () =>
          this.valid(shape.member.shape, member, depth + 1),
        );
      case 'map':
        return Object.fromEntries(
          Array.from({ length: clamp(random.int(3), shape.min, shape.max) }, () => [
            this.valid(shape.key.shape, `${member}Key`, depth + 1),
            this.valid(shape.value.shape, `${member}Value`, depth + 1),
          ]),
        );
      case 'string':
        return this.validString(shape, shapeName, member);
      case 'integer':
      case 'long': {
        const low = shape.min ?? 0;
        return low + random.int(Math.max(1, Math.min(shape.max ?? low + 100, low + 100) - low + 1));
      }
      case 'float':
      case 'double': {
        const low = shape.min ?? 0;
        return low + random.next() * (Math.min(shape.max ?? low + 100, low + 100) - low);
      }
      case 'boolean':
        return random.next() < 0.5;
      case 'timestamp':
        return 1_700_000_000 + random.int(1_000_000) + random.int(1000) / 1000;
      case 'blob':
        return Buffer.from(word(random, 6)).toString('base64');
    }
  }

  /** A value a careful client would never send for this shape. */
  hostile(shapeName: string, member: string): unknown {
    const shape = this.shape(shapeName);
    const { random } = this;
    if (random.next() < 0.2) return pick(random, WRONG_TYPES)();
    switch (shape.type) {
      case 'structure':
        return pick(random, [
          () => ({}),
          () => own('__proto__', this.valid(shapeName, member)),
          () => ({ ...(this.valid(shapeName, member) as object), fuzzUnknownMember: 'x' }),
          () =>
            Object.fromEntries(
              Object.entries(shape.members).map(([name, ref]) => [
                name,
                this.hostile(ref.shape, name),
              ]),
            ),
        ])();
      case 'list':
        return pick(random, [
          () => [],
          () => [null],
          () => Array.from({ length: 1000 }, () => this.valid(shape.member.shape, member)),
          () => [this.hostile(shape.member.shape, member)],
          () =>
            Array.from({ length: (shape.max ?? 100) + 1 }, () =>
              this.valid(shape.member.shape, member),
            ),
        ])();
      case 'map':
        return pick(random, [
          () => ({}),
          () => ({ '': this.valid(shape.value.shape, member) }),
          () => own('__proto__', this.valid(shape.value.shape, member)),
          () => ({ constructor: this.valid(shape.value.shape, member) }),
          () => ({ 'a\u0000b': this.valid(shape.value.shape, member) }),
          () => ({ key: this.hostile(shape.value.shape, member) }),
          () =>
            Object.fromEntries(
              Array.from({ length: 300 }, (_, i) => [
                `k${i}`,
                this.valid(shape.value.shape, member),
              ]),
            ),
        ])();
      case 'string':
        return this.hostileString(shape.max);
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        return pick(random, HOSTILE_NUMBERS);
      case 'timestamp':
        return pick(random, HOSTILE_TIMESTAMPS);
      case 'boolean':
        return pick(random, ['true', 'false', 1, 0]);
      case 'blob':
        return pick(random, ['', '!!!not base64', '\u0000']);
    }
  }

  private validString(
    shape: Shape & { type: 'string' },
    shapeName: string,
    member: string,
  ): string {
    const { random } = this;
    if (shape.enum) return pick(random, shape.enum);
    if (member === 'name' || member === 'jobName') return this.pools.freshName();
    const real = this.pools.real(member, shapeName);
    if (real?.length) return pick(random, real);
    if (shape.pattern?.includes(':personalize:')) return pick(random, this.pools.arns());
    const forPattern = shape.pattern ? FOR_PATTERN[shape.pattern] : undefined;
    if (forPattern) return forPattern(random);
    return word(random, clamp(8, shape.min ?? 1, shape.max));
  }

  private hostileString(max: number | undefined): unknown {
    const { random } = this;
    const arn = () => pick(random, this.pools.arns());
    return pick(random, [
      () => pick(random, HOSTILE_TEXT),
      () => pick(random, HOSTILE_TEXT),
      () => 'h'.repeat((max ?? 256) + 1),
      () => 'h'.repeat(random.next() < 0.5 ? 100_000 : 400_000),
      arn,
      arn,
      () => `${arn()}/extra`,
      () => arn().toUpperCase(),
      () => arn().replace(':000000000000:', ':111111111111:').replace(':us-east-1:', ':eu-west-1:'),
      () =>
        `arn:aws:personalize:us-east-1:000000000000:${pick(random, KINDS)}/fuzz-missing-${random.int(1e6)}`,
    ])();
  }

  /** A JSON document in a string (a `jsonvalue` member) that no schema field can take. */
  hostileDocument(): string {
    return pick(this.random, HOSTILE_DOCUMENTS);
  }

  /** Optional members with real values are sent more often: they lead deeper. */
  private inclusion(member: string, shape: string): number {
    return this.pools.real(member, shape)?.length ? 0.8 : 0.5;
  }

  /** A `jsonvalue` member: a JSON document in a string, sometimes not quite one. */
  private jsonDocument(member: string): string {
    const real = this.pools.real(member, member);
    return this.random.next() < 0.8 && real?.length ? pick(this.random, real) : '{}';
  }
}
