import type * as z from 'zod';
import { InvalidInputException, SerializationException } from './errors';

/** `a.b[2].c` as AWS prints member paths. */
const memberPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    '',
  );

const jsonKind = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'object'
        ? 'object'
        : typeof value;

/** How much of an offending value a message quotes: enough to recognise it, never a flood. */
export const MAX_QUOTED_CHARACTERS = 100;

/** The first MAX_QUOTED_CHARACTERS characters of a text, and "…" when there were more. */
export function excerpt(text: string): string {
  // Cut at a character (code point), never inside a surrogate pair; 2 units each at most.
  const characters = [...text.slice(0, MAX_QUOTED_CHARACTERS * 2)];
  return characters.length > MAX_QUOTED_CHARACTERS || text.length > MAX_QUOTED_CHARACTERS * 2
    ? `${characters.slice(0, MAX_QUOTED_CHARACTERS).join('')}…`
    : text;
}

/**
 * A value's JSON, written only as far as a message quotes it: JSON.stringify would write all of
 * a large value, and overflow the stack on one nested thousands of arrays deep.
 */
export function jsonExcerpt(value: unknown): string {
  let text = '';
  // Each returns false once the text is long enough, which ends the walk.
  const write = (part: string): boolean => (text += part).length <= MAX_QUOTED_CHARACTERS;
  const visit = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      if (!write('[')) return false;
      for (let i = 0; i < item.length; i++) {
        if ((i > 0 && !write(',')) || !visit(item[i])) return false;
      }
      return write(']');
    }
    if (item !== null && typeof item === 'object') {
      if (!write('{')) return false;
      let first = true;
      for (const [key, inner] of Object.entries(item)) {
        if (
          !write(`${first ? '' : ','}${JSON.stringify(key.slice(0, MAX_QUOTED_CHARACTERS + 1))}:`)
        ) {
          return false;
        }
        first = false;
        if (!visit(inner)) return false;
      }
      return write('}');
    }
    const short = typeof item === 'string' ? item.slice(0, MAX_QUOTED_CHARACTERS + 1) : item;
    return write(JSON.stringify(short) ?? 'null');
  };
  visit(value);
  return excerpt(text);
}

const shown = (value: unknown): string =>
  value === undefined
    ? 'null'
    : typeof value === 'string'
      ? `'${excerpt(value)}'`
      : typeof value === 'number'
        ? String(value)
        : jsonExcerpt(value);

/** A JSON number past a double's range, which JSON.parse reads as ±Infinity. */
const beyondDouble = (issue: z.core.$ZodIssue): boolean =>
  issue.code === 'invalid_type' && typeof issue.input === 'number' && !Number.isFinite(issue.input);

/**
 * Parses a request against its declared shape. A value of the wrong JSON type
 * is a SerializationException, as AWS's protocol layer raises before the
 * service sees the request; a missing or out-of-range member is an
 * InvalidInputException listing every violation, in AWS's words.
 */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;

  const wrongType = result.error.issues.find(
    (issue) => issue.code === 'invalid_type' && issue.input !== undefined && !beyondDouble(issue),
  );
  if (wrongType) {
    const where = memberPath(wrongType.path);
    const expected = 'expected' in wrongType ? String(wrongType.expected) : 'another type';
    throw new SerializationException(
      `Expected ${expected} at '${where || 'request body'}' but found ${jsonKind(wrongType.input)}`,
    );
  }

  const violations = result.error.issues.map((issue) => {
    // A map key is reported at the map, in AWS's words for the key's own constraints.
    if (issue.code === 'invalid_key') {
      const keyConstraints = issue.issues.map((inner) => inner.message).join(', ');
      return `Value ${shown(issue.path.at(-1))} at '${memberPath(issue.path.slice(0, -1)) || 'request body'}' failed to satisfy constraint: Map keys must satisfy constraint: [${keyConstraints}]`;
    }
    const constraint = beyondDouble(issue)
      ? `Member must be a number no larger in magnitude than ${Number.MAX_VALUE}`
      : issue.code === 'invalid_type'
        ? 'Member must not be null'
        : issue.code === 'invalid_value' && 'values' in issue
          ? `Member must satisfy enum value set: [${issue.values.join(', ')}]`
          : issue.message;
    return `Value ${shown(issue.input)} at '${memberPath(issue.path)}' failed to satisfy constraint: ${constraint}`;
  });
  const count = violations.length;
  throw new InvalidInputException(
    `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
  );
}
