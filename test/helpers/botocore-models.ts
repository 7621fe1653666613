/**
 * The vendored botocore models (models/botocore) and a comparison of a zod input shape with a
 * model's shape, member by member, for test/unit/api/model-conformance.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const SERVICES = ['personalize', 'personalize-events', 'personalize-runtime'] as const;
export type Service = (typeof SERVICES)[number];

interface ShapeRef {
  shape: string;
}

export interface ModelShape {
  type: string;
  required?: string[];
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
  error?: { httpStatusCode?: number };
}

export interface ModelOperation {
  name: string;
  http: { method: string; requestUri: string };
  input?: ShapeRef;
  output?: ShapeRef;
}

export interface Model {
  metadata: { protocol: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

export function loadModel(service: Service): Model {
  const file = path.join(__dirname, '../../models/botocore', service, 'service-2.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Model;
}

/** One difference: where, in what, and what each side says. */
export interface Mismatch {
  /** `Operation.member.path`: `[]` is a list's member, `{}` a map's value, `{key}` its key. */
  where: string;
  aspect: string;
  model: string;
  zod: string;
}

export const describeMismatch = (m: Mismatch) =>
  `${m.where}: ${m.aspect}: model says ${m.model}, zod says ${m.zod}`;

/**
 * Strings a pattern is tried on when Tailor writes it differently from the model: each side must
 * accept the same ones. Extended by the caller's own.
 */
const PROBES = [
  '',
  'a',
  'Z',
  '0',
  '_',
  '-',
  'a-b_c',
  '0abc',
  '_abc',
  '-abc',
  'ab cd',
  ' ',
  ' a ',
  '\t',
  '\n',
  'a\nb',
  'a\rb',
  'a\u0085b',
  'a\u2028b',
  'é',
  '日本',
  '🙂',
  '\u007f',
  'a.b:c/d=e+f-g@h',
  'a!b',
  'x'.repeat(1501),
  'arn:aws:personalize:us-east-1:000000000000:dataset-group/x',
  'arn:aws:personalize:::recipe/aws-user-personalization',
  'arn:aws:personalize:us-east-1:000000000000:',
  'arn:aws:iam::000000000000:role/r',
  'arn:aws:iam::000000000000:role/path/r-1',
  'arn:aws:iam::00000000000:role/r',
  'arn:aws:kms:us-east-1:000000000000:key/k',
  'arn:aws-cn:kms:cn-north-1:000000000000:key/k',
  's3://bucket/key',
  'https://host/x',
  'ftp://host/x',
  's3://',
  'rate(1 day)',
  'rate(7 days)',
  'rate(x days)',
];

/** Java's `.` (the models' regexes are Java's): anything but a line terminator. */
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

/**
 * The model's pattern as a JavaScript regex matching what AWS accepts: the whole value must match
 * (AWS validates with Java's `matches`), `.` is Java's, and `\p{..}` classes are Unicode's.
 */
export function modelRegex(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === ']') {
      inClass = false;
      out += c;
    } else {
      out += c === '.' && !inClass ? JAVA_DOT : c;
    }
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

/** A pattern without the anchors that full matching makes redundant. */
const unanchored = (source: string) => source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');

/** What a zod schema checks, with the optional, default and pipe wrappers taken off. */
interface Facts {
  optional: boolean;
  /** The schema inside the wrappers, pipes included: what a value is tried on. */
  inner: z.ZodType;
  kind: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'record' | 'enum' | 'other';
  typeName: string;
  minLength?: number;
  maxLength?: number;
  patterns: RegExp[];
  /** `.refine` checks, which only trying values can tell. */
  custom: ((value: unknown) => unknown)[];
  min?: number;
  max?: number;
  integer: boolean;
  values?: string[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  key?: z.ZodType;
  value?: z.ZodType;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
  fn?: (value: unknown) => unknown;
}

const checksOf = (schema: z.ZodType): CheckDef[] =>
  (schema.def.checks ?? []).map((check) => check._zod.def as unknown as CheckDef);

function factsOf(schema: z.ZodType): Facts {
  let optional = false;
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      optional = true;
      current = current.unwrap() as z.ZodType;
    } else break;
  }
  const facts: Facts = {
    optional,
    inner: current,
    kind: 'other',
    typeName: current.def.type,
    patterns: [],
    custom: [],
    integer: false,
  };
  // A pipe checks its input with `in` and its result with `out` (z.int() after a range, say);
  // a transform checks nothing.
  const parts: z.ZodType[] = [];
  const visit = (part: z.ZodType) => {
    if (part instanceof z.ZodPipe) {
      visit(part.in as z.ZodType);
      visit(part.out as z.ZodType);
    } else if (!(part instanceof z.ZodTransform)) parts.push(part);
  };
  visit(current);
  const tighter = (a: number | undefined, b: number | null | undefined, pick: typeof Math.max) =>
    b === null || b === undefined ? a : a === undefined ? b : pick(a, b);
  for (const part of parts) {
    facts.typeName = part.def.type;
    if (part instanceof z.ZodString) facts.kind = 'string';
    else if (part instanceof z.ZodNumber) {
      facts.kind = 'number';
      facts.min = tighter(facts.min, part.minValue, Math.max);
      facts.max = tighter(facts.max, part.maxValue, Math.min);
      facts.integer ||= part.isInt;
    } else if (part instanceof z.ZodBoolean) facts.kind = 'boolean';
    else if (part instanceof z.ZodObject) {
      facts.kind = 'object';
      facts.shape = part.shape as Record<string, z.ZodType>;
    } else if (part instanceof z.ZodArray) {
      facts.kind = 'array';
      facts.element = part.element as z.ZodType;
    } else if (part instanceof z.ZodRecord) {
      facts.kind = 'record';
      facts.key = part.keyType as z.ZodType;
      facts.value = part.valueType as z.ZodType;
    } else if (part instanceof z.ZodEnum) {
      facts.kind = 'enum';
      facts.values = (part.options as unknown[]).map(String);
    }
    for (const check of checksOf(part)) {
      if (check.check === 'min_length') {
        facts.minLength = tighter(facts.minLength, check.minimum, Math.max);
      } else if (check.check === 'max_length') {
        facts.maxLength = tighter(facts.maxLength, check.maximum, Math.min);
      } else if (check.check === 'string_format' && check.format === 'regex' && check.pattern) {
        facts.patterns.push(check.pattern);
      } else if (check.check === 'custom' && check.fn) facts.custom.push(check.fn);
    }
  }
  return facts;
}

/** The range a number type has when its member declares none. */
const NATURAL_RANGE: Record<string, [number, number]> = {
  integer: [-(2 ** 31), 2 ** 31 - 1],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  float: [-3.4028234663852886e38, 3.4028234663852886e38],
  double: [-Number.MAX_VALUE, Number.MAX_VALUE],
  timestamp: [-Infinity, Infinity],
};

const KIND_OF_TYPE: Record<string, Facts['kind']> = {
  string: 'string',
  integer: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  timestamp: 'number',
  boolean: 'boolean',
  structure: 'object',
  list: 'array',
  map: 'record',
};

const show = (value: unknown) =>
  value === undefined || value === null ? 'none' : JSON.stringify(value);

/** A probe as a message shows it: short, and with every invisible character escaped. */
const quoted = (text: string) =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text).replace(
    /[^\x20-\x7e]/gu,
    (c) => (c === '…' ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`),
  );

/** Whether a zod schema's refinements accept a value; a refinement that throws refuses it. */
const refinementsAccept = (facts: Facts, value: unknown) =>
  facts.custom.every((fn) => {
    try {
      return fn(value) !== false;
    } catch {
      return false;
    }
  });

export class ShapeComparison {
  readonly mismatches: Mismatch[] = [];

  constructor(
    private readonly model: Model,
    private readonly probes: readonly string[] = [],
  ) {}

  /** Compares an operation's input: zod's object against the model's input structure. */
  operation(name: string, input: z.ZodType): void {
    const ref = this.model.operations[name]?.input;
    if (!ref) {
      this.report(name, 'input', 'no input', factsOf(input).typeName);
      return;
    }
    this.structure(name, this.model.shapes[ref.shape]!, factsOf(input));
  }

  private report(where: string, aspect: string, model: string, zod: string) {
    this.mismatches.push({ where, aspect, model, zod });
  }

  private compare(where: string, shapeName: string, schema: z.ZodType, depth: number): void {
    const shape = this.model.shapes[shapeName]!;
    const facts = factsOf(schema);
    if (depth > 20) throw new Error(`${where}: the shapes nest too deep to be compared`);
    const expected = KIND_OF_TYPE[shape.type];
    if (facts.kind !== expected && !(expected === 'string' && facts.kind === 'enum')) {
      this.report(where, 'type', `${shape.type} (${shapeName})`, facts.typeName);
      return;
    }
    switch (shape.type) {
      case 'string':
        return this.string(where, shape, facts);
      case 'structure':
        return this.structure(where, shape, facts, depth);
      case 'list':
        this.bounds(where, 'list length', shape, facts.minLength, facts.maxLength);
        return this.compare(`${where}[]`, shape.member!.shape, facts.element!, depth + 1);
      case 'map':
        return this.map(where, shape, facts, depth);
      case 'boolean':
        return;
      default:
        return this.number(where, shape, facts);
    }
  }

  private structure(where: string, shape: ModelShape, facts: Facts, depth = 0) {
    if (facts.kind !== 'object') {
      this.report(where, 'type', 'structure', facts.typeName);
      return;
    }
    const members = shape.members ?? {};
    const zodMembers = facts.shape!;
    const required = new Set(shape.required ?? []);
    for (const [member, ref] of Object.entries(members)) {
      const at = `${where}.${member}`;
      const schema = zodMembers[member];
      if (!schema) {
        this.report(at, 'member', required.has(member) ? 'required' : 'optional', 'missing');
        continue;
      }
      const optional = factsOf(schema).optional;
      if (optional === required.has(member)) {
        this.report(
          at,
          'required',
          required.has(member) ? 'required' : 'optional',
          optional ? 'optional' : 'required',
        );
      }
      this.compare(at, ref.shape, schema, depth + 1);
    }
    for (const member of Object.keys(zodMembers)) {
      if (!(member in members)) this.report(`${where}.${member}`, 'member', 'absent', 'present');
    }
  }

  private bounds(
    where: string,
    aspect: string,
    shape: ModelShape,
    min: number | undefined,
    max: number | undefined,
  ) {
    // A minimum of 0 is no minimum: no length is below it.
    if ((shape.min ?? 0) !== (min ?? 0))
      this.report(where, `${aspect} min`, show(shape.min), show(min));
    if (shape.max !== max) this.report(where, `${aspect} max`, show(shape.max), show(max));
  }

  private string(where: string, shape: ModelShape, facts: Facts) {
    if (shape.enum) {
      const model = [...shape.enum].sort();
      const zod = [...(facts.values ?? [])].sort();
      if (facts.kind !== 'enum' || model.join() !== zod.join()) {
        this.report(where, 'enum', show(model), facts.kind === 'enum' ? show(zod) : facts.typeName);
      }
      return;
    }
    if (facts.kind === 'enum') {
      this.report(where, 'enum', 'none', show(facts.values));
      return;
    }
    this.bounds(where, 'length', shape, facts.minLength, facts.maxLength);
    this.pattern(where, shape, facts);
  }

  private pattern(where: string, shape: ModelShape, facts: Facts) {
    const zodShown = facts.patterns.map((p) => `/${p.source}/`).join(' and ') || 'none';
    if (!shape.pattern) {
      if (facts.patterns.length > 0) this.report(where, 'pattern', 'none', zodShown);
      else if (facts.custom.length > 0) this.report(where, 'check', 'none', 'a refinement');
      return;
    }
    const sameSource =
      facts.custom.length === 0 &&
      facts.patterns.length === 1 &&
      unanchored(facts.patterns[0]!.source) === unanchored(shape.pattern);
    // Written alike or not, the two must agree on every probe within the length bounds.
    const model = modelRegex(shape.pattern);
    const inBounds = (text: string) =>
      [...text].length >= (shape.min ?? 0) && [...text].length <= (shape.max ?? Infinity);
    const zodAccepts = (text: string) =>
      facts.patterns.every((p) => new RegExp(p.source, p.flags).test(text)) &&
      refinementsAccept(facts, text);
    const probes = [...PROBES, ...this.probes].filter(inBounds);
    const differ = probes.find((probe) => model.test(probe) !== zodAccepts(probe));
    if (differ !== undefined) {
      this.report(
        where,
        'pattern',
        `/${shape.pattern}/ ${model.test(differ) ? 'accepts' : 'refuses'} ${quoted(differ)}`,
        `${zodShown}${facts.custom.length ? ' with a refinement' : ''} ${zodAccepts(differ) ? 'accepts' : 'refuses'} it`,
      );
    } else if (
      !sameSource &&
      !(probes.some((p) => model.test(p)) && probes.some((p) => !model.test(p)))
    ) {
      this.report(
        where,
        'pattern',
        `/${shape.pattern}/`,
        `${zodShown}, written otherwise, and no probe tells them apart: add probes that it accepts and refuses`,
      );
    }
  }

  private number(where: string, shape: ModelShape, facts: Facts) {
    const [low, high] = NATURAL_RANGE[shape.type]!;
    const integral = shape.type === 'integer' || shape.type === 'long';
    if (facts.integer !== integral) {
      this.report(where, 'whole numbers only', String(integral), String(facts.integer));
    }
    // zod's own bounds (z.int()'s safe integers, Infinity) count as no bound where the type's
    // range is wider.
    const zodMin = facts.min === undefined || facts.min <= low ? undefined : facts.min;
    const zodMax = facts.max === undefined || facts.max >= high ? undefined : facts.max;
    const modelMin = shape.min === undefined || shape.min <= low ? undefined : shape.min;
    const modelMax = shape.max === undefined || shape.max >= high ? undefined : shape.max;
    if (modelMin !== zodMin) this.report(where, 'range min', show(modelMin), show(zodMin));
    if (modelMax !== zodMax) this.report(where, 'range max', show(modelMax), show(zodMax));
  }

  private map(where: string, shape: ModelShape, facts: Facts, depth: number) {
    this.compare(`${where}{key}`, shape.key!.shape, facts.key!, depth + 1);
    this.compare(`${where}{}`, shape.value!.shape, facts.value!, depth + 1);
    // zod has no entry count for records: shapes.ts's `map` refines one, which only trying a
    // record of each size can read.
    const entries = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const accepts = (n: number) => refinementsAccept(facts, entries(n));
    const limit = shape.max ?? 1000;
    let zodMax: number | undefined;
    if (!accepts(limit + 1)) {
      // The most it accepts: the refinement is taken to accept every size up to some bound.
      let [low, high] = [-1, limit + 1];
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (accepts(middle)) low = middle;
        else high = middle;
      }
      zodMax = low;
    }
    if (shape.max !== zodMax) this.report(where, 'map entries max', show(shape.max), show(zodMax));
  }
}
