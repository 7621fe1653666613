/** The data overview counts what an import stored, on data whose shape is planted. */
import { CompactBuilder } from '../../../layers/core/data/compact/builder';
import { parseSchema } from '../../../layers/core/data/avro-schema';
import { dataOverview } from '../../../layers/core/data/data-overview';
import type { FieldValue } from '../../../layers/core/domain/field-value';
import { INTERACTIONS_SCHEMA } from '../../helpers/schemas';

const DAY = 24 * 60 * 60;
/** A UTC midnight. */
const T0 = 1_700_006_400;

function overviewOf(rows: FieldValue[][]) {
  const schema = parseSchema(INTERACTIONS_SCHEMA);
  const builder = new CompactBuilder(schema.fields);
  for (const row of rows) builder.append(row);
  return dataOverview(builder.build())!;
}

describe('dataOverview', () => {
  it('counts users, items, event types, periods, per-user and per-item buckets', () => {
    // u1 has 1 interaction, u2 has 2, u3 has 4; item i0 takes 4 of the 7.
    const rows: FieldValue[][] = [
      ['u1', 'i0', T0, 'click', null],
      ['u2', 'i0', T0 + 1, 'click', null],
      ['u2', 'i1', T0 + DAY, 'buy', null],
      ['u3', 'i0', T0 + DAY, 'click', null],
      ['u3', 'i0', T0 + 2 * DAY, 'click', null],
      ['u3', 'i2', T0 + 2 * DAY + 5, 'buy', null],
      ['u3', 'i3', T0 + 2 * DAY + 9, 'click', null],
    ];

    const overview = overviewOf(rows);

    expect(overview).toMatchObject({ interactions: 7, users: 3, items: 4 });
    expect(overview.eventTypes).toEqual([
      { eventType: 'click', count: 5 },
      { eventType: 'buy', count: 2 },
    ]);
    expect(overview.overTime).toEqual({ days: 1, start: T0, counts: [2, 2, 3] });
    expect(overview.perUser).toEqual([
      { atLeast: 1, count: 1 },
      { atLeast: 2, count: 1 },
      { atLeast: 4, count: 1 },
    ]);
    expect(overview.perItem).toEqual([
      { atLeast: 1, count: 3 },
      { atLeast: 2, count: 0 },
      { atLeast: 4, count: 1 },
    ]);
    // The most interacted item, a quarter of the items (at least one), takes 4 of 7.
    expect(overview.popularShare[0]).toEqual({ items: 0.01, interactions: 4 / 7 });
  });

  it('widens the periods so that a long history takes at most 60 bars', () => {
    const rows: FieldValue[][] = Array.from({ length: 365 }, (_, d) => [
      `u${d % 7}`,
      `i${d % 11}`,
      T0 + d * DAY,
      'click',
      null,
    ]);

    const { overTime } = overviewOf(rows);

    expect(overTime.days).toBe(7);
    expect(overTime.counts).toHaveLength(53);
    expect(overTime.counts.reduce((a, b) => a + b, 0)).toBe(365);
  });
});
