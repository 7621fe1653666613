/** Small Personalize schemas used across tests and benchmarks. */
export const avroRecord = (name: string, fields: object[]) =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'com.amazonaws.personalize.schema',
    fields,
    version: '1.0',
  });

/** The fields every interactions schema here starts with. */
export const BASE_INTERACTION_FIELDS = [
  { name: 'USER_ID', type: 'string' },
  { name: 'ITEM_ID', type: 'string' },
  { name: 'TIMESTAMP', type: 'long' },
  { name: 'EVENT_TYPE', type: 'string' },
];

export const INTERACTIONS_SCHEMA = avroRecord('Interactions', [
  ...BASE_INTERACTION_FIELDS,
  { name: 'EVENT_VALUE', type: ['float', 'null'] },
]);

/** INTERACTIONS_SCHEMA plus one field: a valid replacement for UpdateDataset. */
export const INTERACTIONS_SCHEMA_WIDER = avroRecord('Interactions', [
  ...BASE_INTERACTION_FIELDS,
  { name: 'EVENT_VALUE', type: ['float', 'null'] },
  { name: 'DEVICE', type: ['string', 'null'], categorical: true },
]);

export const ITEMS_SCHEMA = avroRecord('Items', [
  { name: 'ITEM_ID', type: 'string' },
  { name: 'GENRES', type: 'string', categorical: true },
  { name: 'CREATION_TIMESTAMP', type: 'long' },
]);

export const USERS_SCHEMA = avroRecord('Users', [
  { name: 'USER_ID', type: 'string' },
  { name: 'AGE', type: 'int' },
]);
