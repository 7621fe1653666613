/**
 * `properties`, the JSON string that PutEvents, PutUsers and PutItems carry:
 * its camelCase keys name schema fields (numberOfRatings is NUMBER_OF_RATINGS)
 * and its values must fit those fields' types.
 */
import { excerpt } from '../api/validation';
import type { DatasetSchema, SchemaField } from './avro-schema';
import { checkFieldValue, epochSecondsProblem, show } from './field-values';
import { type FieldValue } from '../domain/field-value';

export interface PropertyRules {
  schema: DatasetSchema;
  /** How messages name the schema: "Interactions". */
  label: string;
  /**
   * The request's own members and the field each sets (or none, as sessionId):
   * these are reserved, so a property cannot contradict them.
   */
  members: Readonly<Record<string, string | undefined>>;
  /**
   * Members whose field properties may set all the same, as clients sent it
   * before the request had the member; the caller reconciles the two.
   */
  alsoInProperties?: readonly string[];
  /**
   * Whether every field the schema does not let be null must be present, as for
   * a user or item, which replaces the whole record.
   */
  complete: boolean;
  /** Fields that hold a time in epoch seconds, such as CREATION_TIMESTAMP. */
  timestamps?: readonly string[];
}

/** `NUMBER_OF_RATINGS` as a properties key: `numberOfRatings`. */
export const camelCase = (fieldName: string): string =>
  fieldName.toLowerCase().replace(/_+([a-z0-9])/g, (_, next: string) => next.toUpperCase());

// Keys match fields ignoring case and underscores, so "NUMBER_OF_RATINGS" works too.
const normalize = (key: string): string => key.replace(/_/g, '').toUpperCase();

/**
 * The fields `properties` sets, by field name. Appends each problem, prefixed
 * with `{where}.properties: `, instead of stopping at the first.
 */
export function readProperties(
  json: string | undefined,
  rules: PropertyRules,
  where: string,
  problems: string[],
): Record<string, FieldValue> {
  const report = (problem: string) => problems.push(`${where}.properties: ${problem}`);
  const reserved = new Map<string, string>();
  const memberFields = new Set<string>();
  for (const [member, field] of Object.entries(rules.members)) {
    if (field) memberFields.add(normalize(field));
    if (rules.alsoInProperties?.includes(member)) continue;
    reserved.set(normalize(member), member);
    if (field) reserved.set(normalize(field), member);
  }
  const fields = rules.schema.fields.filter((field) => !reserved.has(normalize(field.name)));
  const byKey = new Map(fields.map((field) => [normalize(field.name), field]));
  // The hint names the fields only properties can set.
  const settable = fields.filter((field) => !memberFields.has(normalize(field.name)));

  const given = json === undefined ? {} : parseObject(json, report);
  const values: Record<string, FieldValue> = {};
  const keyOf = new Map<SchemaField, string>();
  for (const [key, value] of Object.entries(given ?? {})) {
    const member = reserved.get(normalize(key));
    const field = byKey.get(normalize(key));
    if (member !== undefined) {
      report(`"${key}" is reserved; send it as the ${member} member instead`);
    } else if (!field) {
      report(
        `"${excerpt(key)}" is not a field of the ${rules.label} schema${settableHint(settable)}`,
      );
    } else if (keyOf.has(field)) {
      report(`"${keyOf.get(field)}" and "${key}" both name ${field.name}`);
    } else {
      keyOf.set(field, key);
      const checked = checkFieldValue(field, value);
      const problem = !checked.ok
        ? checked.problem
        : typeof checked.value === 'number' && rules.timestamps?.includes(field.name)
          ? epochSecondsProblem(checked.value)
          : undefined;
      if (problem) report(`"${key}" (${field.name}, ${field.type}) ${problem}`);
      else if (checked.ok) values[field.name] = checked.value;
    }
  }
  if (rules.complete && given) {
    for (const field of settable) {
      if (!field.nullable && !keyOf.has(field)) {
        report(
          `missing "${camelCase(field.name)}" (${field.name}), which the ${rules.label} schema requires`,
        );
      }
    }
  }
  return values;
}

/** The parsed object, or undefined once its problem is reported. */
function parseObject(
  json: string,
  report: (problem: string) => void,
): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    report(`is not valid JSON (${(error as Error).message}): ${show(json)}`);
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    report(`must be a JSON object of camelCase field names and values, got ${show(parsed)}`);
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

function settableHint(settable: readonly SchemaField[]): string {
  if (settable.length === 0) return '; the schema has no fields for properties to set';
  const names = settable.map((field) => `"${camelCase(field.name)}" (${field.name})`);
  return `; properties may set ${names.join(', ')}`;
}
