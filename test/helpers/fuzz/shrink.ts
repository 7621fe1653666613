/**
 * The smallest request that still fails, for the report: members are removed and long strings
 * cut while the answer stays wrong (greedy, outermost first, so big parts go in one step).
 */
import { pathsIn, valueAt, withValue } from './edits';
import { jsonText } from './json-text';
import type { FuzzRequest } from './requests';

const SHORT = 32;

export async function shrink(
  request: FuzzRequest,
  stillFails: (candidate: FuzzRequest) => Promise<boolean>,
  attempts = 200,
): Promise<FuzzRequest> {
  if (request.input === undefined) return request;
  let current = request;
  const attempt = async (input: unknown): Promise<boolean> => {
    if (attempts-- <= 0) return false;
    const candidate = { ...current, input, body: jsonText(input) };
    if (!(await stillFails(candidate))) return false;
    current = candidate;
    return true;
  };
  let smaller = true;
  while (smaller && attempts > 0) {
    smaller = false;
    for (const path of pathsIn(current.input)) {
      const value = valueAt(current.input, path);
      const cut =
        typeof value === 'string' && value.length > SHORT ? value.slice(0, SHORT) : undefined;
      if (
        (await attempt(withValue(current.input, path, undefined))) ||
        (cut !== undefined && (await attempt(withValue(current.input, path, cut))))
      ) {
        smaller = true;
        break;
      }
    }
  }
  return current;
}
