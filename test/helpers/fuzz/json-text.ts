/** Request bodies with number tokens no JavaScript number can hold. */

/**
 * A JSON token written verbatim, such as `9007199254740993` or `1e400`: JSON.stringify holds
 * numbers as doubles and cannot write them, and JSON.rawJSON needs Node 21 (we support 20).
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** JSON.stringify, except that a RawJson is written as its text. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object with an own member of any name, `__proto__` included (a literal would set the prototype). */
export const own = (key: string, value: unknown): Record<string, unknown> =>
  Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true });
