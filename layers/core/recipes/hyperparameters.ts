/**
 * Personalize takes hyperparameters as a map of strings. This turns one into
 * the recipe's typed values: defaults filled in, every given value checked
 * against the catalogue's declaration, every problem named at once.
 */
import { InvalidInputException } from '../api/errors';
import type { HyperParameterSpec, RecipeSpec } from './catalogue';
import type { HyperParameters } from './recipe';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Parsed = { value: number | string } | { problem: string };

function parseValue(spec: HyperParameterSpec, text: string): Parsed {
  if (spec.kind === 'categorical') {
    return spec.values.includes(text)
      ? { value: text }
      : { problem: `must be one of ${spec.values.map((v) => `"${v}"`).join(', ')}, got "${text}"` };
  }
  const value = Number(text);
  if (!NUMBER.test(text.trim()) || !Number.isFinite(value)) {
    return { problem: `must be a number, got "${text}"` };
  }
  if (spec.kind === 'integer' && !Number.isInteger(value)) {
    return { problem: `must be an integer, got "${text}"` };
  }
  if (value < spec.min || value > spec.max) {
    return { problem: `must be from ${spec.min} to ${spec.max}, got ${text}` };
  }
  return { value };
}

/** Throws InvalidInputException naming each unknown or out-of-range parameter. */
export function resolveHyperParameters(
  recipe: RecipeSpec,
  given: Readonly<Record<string, string>> = {},
): HyperParameters {
  const specs = new Map(recipe.hyperParameters.map((spec) => [spec.name, spec]));
  const problems: string[] = [];
  for (const name of Object.keys(given)) {
    if (!specs.has(name)) {
      const known = [...specs.keys()];
      problems.push(
        `${recipe.name} has no hyperparameter "${name}"${known.length ? ` (it has ${known.join(', ')})` : ''}`,
      );
    }
  }
  const values: Record<string, number | string> = {};
  for (const spec of recipe.hyperParameters) {
    const text = given[spec.name] ?? spec.default;
    const parsed = parseValue(spec, text);
    if ('problem' in parsed) problems.push(`hyperparameter ${spec.name} ${parsed.problem}`);
    else values[spec.name] = parsed.value;
  }
  if (problems.length > 0) throw new InvalidInputException(`${problems.join('; ')}.`);
  return values;
}
