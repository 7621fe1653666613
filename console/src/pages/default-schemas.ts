/**
 * The schema a new dataset's form starts from: Personalize's required fields for the type (and
 * the domain's, which its datasets need), for the user to change.
 */
const field = (name: string, type: unknown, extra: object = {}) => ({ name, type, ...extra });

const FIELDS: Record<string, Record<string, unknown[]>> = {
  Interactions: {
    '': [
      field('USER_ID', 'string'),
      field('ITEM_ID', 'string'),
      field('TIMESTAMP', 'long'),
      field('EVENT_TYPE', 'string'),
    ],
  },
  Items: {
    '': [field('ITEM_ID', 'string'), field('GENRES', ['null', 'string'], { categorical: true })],
    VIDEO_ON_DEMAND: [field('ITEM_ID', 'string'), field('GENRES', 'string', { categorical: true })],
    ECOMMERCE: [
      field('ITEM_ID', 'string'),
      field('PRICE', 'float'),
      field('CATEGORY_L1', 'string', { categorical: true }),
    ],
  },
  Users: { '': [field('USER_ID', 'string'), field('AGE', ['null', 'int'])] },
};

export function defaultSchema(type: string, domain: string | undefined): string {
  const byDomain = FIELDS[type]!;
  const fields = byDomain[domain ?? ''] ?? byDomain['']!;
  return JSON.stringify(
    {
      type: 'record',
      name: type,
      namespace: 'com.amazonaws.personalize.schema',
      fields,
      version: '1.0',
    },
    null,
    2,
  );
}
