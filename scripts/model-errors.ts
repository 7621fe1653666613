/**
 * Writes layers/core/api/model-errors.ts, the HTTP status of each exception the three vendored
 * Personalize models declare (models/botocore):
 *
 *   npx tsx scripts/model-errors.ts
 *
 * Run it after refreshing the models; test/unit/api/model-conformance.test.ts fails while the
 * table and the models disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICES = ['personalize', 'personalize-events', 'personalize-runtime'] as const;
type Service = (typeof SERVICES)[number];

interface ErrorShapes {
  shapes: Record<
    string,
    { exception?: boolean; fault?: boolean; error?: { httpStatusCode?: number } }
  >;
}

const ROOT = join(__dirname, '..');
const TABLE = join(ROOT, 'layers/core/api/model-errors.ts');

const readModel = (service: Service): ErrorShapes =>
  JSON.parse(
    readFileSync(join(ROOT, 'models/botocore', service, 'service-2.json'), 'utf8'),
  ) as ErrorShapes;

/**
 * Each service's exceptions by name, with their status: the model's `httpStatusCode` (Smithy's
 * httpError trait) where it gives one; otherwise 400 for the caller's error and 500 for a
 * `fault`, as Smithy's error trait defaults them in every protocol.
 */
export function modelErrors(
  load: (service: Service) => ErrorShapes = readModel,
): Record<Service, Record<string, number>> {
  const table = {} as Record<Service, Record<string, number>>;
  for (const service of SERVICES) {
    const exceptions = Object.entries(load(service).shapes)
      .filter(([, shape]) => shape.exception)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    table[service] = Object.fromEntries(
      exceptions.map(([name, shape]) => [
        name,
        shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400),
      ]),
    );
  }
  return table;
}

/** The table as TypeScript, formatted as prettier formats it. */
export function render(table: Record<Service, Record<string, number>>): string {
  const services = SERVICES.map((service) => {
    const key = service.includes('-') ? `'${service}'` : service;
    const rows = Object.entries(table[service]).map(([name, status]) => `    ${name}: ${status},`);
    return `  ${key}: {\n${rows.join('\n')}\n  },`;
  });
  return `/**
 * The exceptions each Personalize API's model declares, with the HTTP status each is answered
 * with. Generated from models/botocore by scripts/model-errors.ts: do not edit.
 *
 * A table, not the models themselves: the core reads no file at run time, and a Lambda bundle
 * that imported the models would carry some 300 kB of JSON for these few numbers.
 * test/unit/api/model-conformance.test.ts checks that the table is what the models say.
 */
export const MODEL_ERRORS = {
${services.join('\n')}
} as const;
`;
}

if (require.main === module) {
  writeFileSync(TABLE, render(modelErrors()));
  console.log(`wrote ${TABLE}`);
}
