/** Small Personalize schemas used across tests. */
const record = (name: string, fields: object[]) =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'com.amazonaws.personalize.schema',
    fields,
    version: '1.0',
  });

export const INTERACTIONS_SCHEMA = record('Interactions', [
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: 'string' },
  { name: 'EVENT_VALUE', type: ['float', 'null'] },
]);

/** INTERACTIONS_SCHEMA plus one field: a valid replacement for UpdateDataset. */
export const INTERACTIONS_SCHEMA_WIDER = record('Interactions', [
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: 'string' },
  { name: 'EVENT_VALUE', type: ['float', 'null'] },
  { name: 'DEVICE', type: ['string', 'null'], categorical: true },
]);

export const ITEMS_SCHEMA = record('Items', [
  { name: 'ITEM_ID', type: 'string' },
  { name: 'GENRES', type: 'string', categorical: true },
  { name: 'CREATION_TIMESTAMP', type: 'long' },
]);

export const USERS_SCHEMA = record('Users', [
  { name: 'USER_ID', type: 'string' },
  { name: 'AGE', type: 'int' },
]);
