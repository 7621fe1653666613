import { parseSchema } from '../../../layers/core/data/avro-schema';
import { readProperties, type PropertyRules } from '../../../layers/core/data/properties';
import { avroRecord, BASE_INTERACTION_FIELDS } from '../../helpers/schemas';

const RULES: PropertyRules = {
  schema: parseSchema(
    avroRecord('Interactions', [
      ...BASE_INTERACTION_FIELDS,
      { name: 'EVENT_VALUE', type: ['float', 'null'] },
      { name: 'DEVICE', type: ['string', 'null'] },
    ]),
  ),
  label: 'Interactions',
  members: {
    userId: 'USER_ID',
    sentAt: 'TIMESTAMP',
    eventType: 'EVENT_TYPE',
    itemId: 'ITEM_ID',
    eventValue: 'EVENT_VALUE',
  },
  alsoInProperties: ['itemId', 'eventValue'],
  complete: false,
};

const read = (json: string) => {
  const problems: string[] = [];
  const values = readProperties(json, RULES, 'e', problems);
  return { values, problems };
};

describe('readProperties', () => {
  it('reads the fields of members that properties may also carry, in any spelling', () => {
    expect(read('{"itemId": "270", "EVENT_VALUE": "4.5", "device": "tv"}')).toEqual({
      values: { ITEM_ID: '270', EVENT_VALUE: 4.5, DEVICE: 'tv' },
      problems: [],
    });
  });

  it('keeps the other members reserved, and names only the other fields as settable', () => {
    expect(read('{"USERID": "u", "genre": "x"}').problems).toEqual([
      'e.properties: "USERID" is reserved; send it as the userId member instead',
      'e.properties: "genre" is not a field of the Interactions schema; properties may set "device" (DEVICE)',
    ]);
  });
});
