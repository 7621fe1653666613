import { joinedHistory, toHistory } from '../../../layers/core/serving/history';
import type { ImportedInteraction } from '../../../layers/core/serving/imported-interactions';
import { event, servedLinear } from './fixture';

/** An imported click of `itemId` at `time` (epoch seconds). */
const imported = (itemId: string, time: number, eventType = 'click'): ImportedInteraction => ({
  itemId,
  eventType,
  eventValue: NaN,
  time,
});

describe('toHistory', () => {
  it('orders events oldest first, in seconds, keeping those recorded after a time', () => {
    const served = servedLinear();
    const history = toHistory(
      served,
      [event('b0', 9_000), event('a1', 3_000), event('m', 1_000)],
      1_000,
    );
    expect(history.items).toEqual(Uint32Array.of(1, 3));
    expect(history.times).toEqual(Float64Array.of(3, 9));
  });
});

describe('joinedHistory', () => {
  it('interleaves imported interactions and recorded events by time, oldest first', () => {
    // Prepare: both newest first, as they are read; the purchase weighs 2.
    const served = servedLinear();
    const events = [event('b1', 6_000, 'purchase'), event('a1', 2_000)];
    const rows = [imported('b0', 7), imported('m', 4), imported('a0', 1)];

    // Act
    const history = joinedHistory(served, events, rows);

    // Assess
    expect(history.items).toEqual(Uint32Array.of(0, 1, 2, 4, 3));
    expect(history.times).toEqual(Float64Array.of(1, 2, 4, 6, 7));
    expect(history.weights).toEqual(Float32Array.of(1, 1, 1, 2, 1));
  });

  it('keeps the newest usable interactions up to the bound', () => {
    // Prepare: an unknown item and an event type the solution does not train on take no place.
    const served = servedLinear();
    const events = [event('gone', 9_000), event('b1', 8_000), event('a1', 3_000)];
    const rows = [imported('m', 7, 'view'), imported('b0', 5), imported('a0', 1)];

    // Act
    const history = joinedHistory(served, events, rows, 2);

    // Assess
    expect(history.items).toEqual(Uint32Array.of(3, 4));
    expect(history.times).toEqual(Float64Array.of(5, 8));
  });

  it('counts events recorded before training, as the model keeps nothing of the user', () => {
    const served = servedLinear({ trainedUntil: 5_000 });
    const history = joinedHistory(served, [event('a0', 1_000)], []);
    expect(history.items).toEqual(Uint32Array.of(0));
  });
});
