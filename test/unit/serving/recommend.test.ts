import {
  bestItems,
  rankItems,
  softmaxDenominator,
  userScores,
} from '../../../layers/core/serving/recommend';
import { event, servedLinear } from './fixture';

describe('userScores', () => {
  it('scores a known user from what the model learned', () => {
    // Prepare
    const served = servedLinear();
    // Act
    const { scores } = userScores(served, 'alice', [event('b0', 500)]);
    // Assess: an event recorded before training is the model's already, so it adds nothing.
    expect(Array.from(scores)).toEqual([1, 0.8, 0.5, 0, 0.1].map(Math.fround));
  });

  it('adds the fold-in of a known user’s events recorded since training', () => {
    const served = servedLinear();
    const { scores } = userScores(served, 'alice', [event('b0', 2_000), event('a0', 500)]);
    // x = alice's [1, 0] plus b0's [0, 1]: every item scores the sum of its factors.
    [1, 0.9, 1, 1, 0.9].forEach((expected, i) => expect(scores[i]).toBeCloseTo(expected, 6));
    expect(served.model.histories.at(-1)!.items).toEqual(Uint32Array.of(3));
  });

  it('folds in someone the model never learned from all their events', () => {
    const served = servedLinear();
    const { scores } = userScores(served, 'newcomer', [event('b1', 500, 'purchase'), event('b0')]);
    const history = served.model.histories.at(-1)!;
    expect(history.items).toEqual(Uint32Array.of(3, 4));
    expect(history.weights).toEqual(Float32Array.of(1, 2));
    expect(scores[3]).toBeCloseTo(1 + 2 * 0.8);
  });

  it('shows someone with no usable events the popularity vector', () => {
    const served = servedLinear();
    // An unknown item and an event type the solution does not train on are no history.
    const { scores } = userScores(served, 'newcomer', [event('gone'), event('a0', 2_000, 'view')]);
    expect(scores).toEqual(served.popularity);
  });
});

describe('bestItems', () => {
  it('gives softmax scores over the whole catalogue, at temperature 1', () => {
    const served = servedLinear();
    const scores = Float32Array.of(1, 0.8, 0.5, 0, 0.1);
    const list = bestItems(served, scores, 5, true);
    expect(list.map((item) => item.itemId)).toEqual(['a0', 'a1', 'm', 'b1', 'b0']);
    const z = [...scores].reduce((sum, s) => sum + Math.exp(s), 0);
    list.forEach((item) => {
      expect(item.score).toBeCloseTo(Math.exp(scores[served.itemIndex.get(item.itemId)!]!) / z, 12);
    });
    expect(list.reduce((sum, item) => sum + item.score!, 0)).toBeCloseTo(1, 12);
    // A shorter list keeps the catalogue's scores.
    expect(bestItems(served, scores, 2, true)).toEqual(list.slice(0, 2));
  });

  it('leaves out excluded items and, unscored, gives no score', () => {
    const served = servedLinear();
    const list = bestItems(
      served,
      Float32Array.of(1, 0.8, 0.5, 0, 0.1),
      3,
      false,
      Uint32Array.of(0),
    );
    expect(list).toEqual([{ itemId: 'a1' }, { itemId: 'm' }, { itemId: 'b1' }]);
  });
});

describe('rankItems', () => {
  it('ranks known items by score with a softmax over them, unknown ones last unscored', () => {
    const served = servedLinear();
    const scores = Float32Array.of(1, 0.8, 0.5, 0, 0.1);
    const ranking = rankItems(served, scores, ['b0', 'x', 'a0', 'b0', 'y', 'm']);
    expect(ranking.map((item) => item.itemId)).toEqual(['a0', 'm', 'b0', 'x', 'y']);
    const z = Math.exp(1) + Math.exp(0.5) + Math.exp(0);
    expect(ranking[0]!.score).toBeCloseTo(Math.exp(1) / z, 12);
    expect(ranking.slice(0, 3).reduce((sum, item) => sum + item.score!, 0)).toBeCloseTo(1, 12);
    expect(ranking.slice(3)).toEqual([{ itemId: 'x' }, { itemId: 'y' }]);
  });

  it('keeps the input order between equal scores', () => {
    const served = servedLinear();
    const ranking = rankItems(served, new Float32Array(5), ['b1', 'a0', 'm']);
    expect(ranking.map((item) => item.itemId)).toEqual(['b1', 'a0', 'm']);
  });
});

describe('softmaxDenominator', () => {
  it('sums exp(s − max) over the given items, skipping NaN', () => {
    const scores = Float32Array.of(2, NaN, 0);
    expect(softmaxDenominator(scores, 2)).toBeCloseTo(1 + Math.exp(-2), 12);
    expect(softmaxDenominator(scores, 2, Uint32Array.of(2))).toBeCloseTo(Math.exp(-2), 12);
  });
});
