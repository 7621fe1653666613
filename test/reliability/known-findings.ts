/**
 * 5xx answers the fuzzer finds in code another part of issue 12 is fixing right now. Each entry
 * names its finding; remove it once the fix lands, and the fuzzer holds the fix in place.
 */
import type { KnownFinding } from '../helpers/fuzz/fuzzer';

/** An array nested this deep somewhere in the body. */
const DEEPLY_NESTED = /\[{1000}/;

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    // TODO(issue 12, validation): quote values without recursing (layers/core/api/validation.ts).
    finding:
      'a value nested 5,000 arrays deep in an enum member (seen in CreateSolutionVersion trainingMode) answers 500: ' +
      'parseInput quotes the offending value with JSON.stringify, which overflows the stack',
    matches: (request, judged) => judged.answer.status === 500 && DEEPLY_NESTED.test(request.body),
  },
];
