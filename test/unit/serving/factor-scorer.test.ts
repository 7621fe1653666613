import { join } from 'node:path';
import { readArtifact } from '../../../layers/core/recipes/artifact';
import { recipeByName } from '../../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../../layers/core/recipes/hyperparameters';
import { ialsRecipe } from '../../../layers/core/recipes/ials/recipe';
import { FactorScorer } from '../../../layers/core/serving/factor-scorer';
import { EMPTY_HISTORY } from '../../../layers/core/serving/history';
import { KERNEL_WASM_BASE64 } from '../../../layers/core/serving/kernel-wasm';
import { compileAssembly } from '../../helpers/assembly';
import { interactionsOf, type Event } from '../recipes/planted-data';

const ASSEMBLY = join(__dirname, '../../../layers/core/serving/assembly');

/** Users of two tastes, six interactions each among their taste's 13 items. */
function plantedEvents(): Event[] {
  const events: Event[] = [];
  for (let u = 0; u < 30; u++) {
    const taste = u % 2 ? 'a' : 'b';
    for (let k = 0; k < 6; k++)
      events.push([`${taste}${u}`, `${taste}-item-${(u * 5 + k * 3) % 13}`]);
  }
  return events;
}

describe('FactorScorer', () => {
  it('scores learned and folded-in users exactly as the iALS model does', async () => {
    // Prepare: a real model, with 9 factors, no multiple of 4: the kernel pads rows to 12.
    const spec = recipeByName('aws-user-personalization')!;
    const data = interactionsOf(plantedEvents());
    // iALS itself, whichever model aws-user-personalization would choose for this data.
    const model = await ialsRecipe('aws-user-personalization').train(
      data,
      resolveHyperParameters(spec, { hidden_dimension: '9', num_iterations: '3' }),
      { seed: 1, threads: 1, log: () => undefined },
    );
    const scorer = FactorScorer.of(readArtifact(model.encode()), model.itemIds.length)!;
    const expected = new Float32Array(model.itemIds.length);
    for (const userId of data.userIds) {
      // Act
      expect(scorer.scoreUser(userId)).toBe(true);
      model.scoreUser(userId, EMPTY_HISTORY, expected);
      // Assess
      scorer.scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 5));
    }
    expect(scorer.knows('nobody')).toBe(false);
    expect(scorer.scoreUser('nobody')).toBe(false);

    // A user folded in, and a learned one plus a fold-in: x·y_i by the same kernel.
    const history = {
      items: Uint32Array.of(0, 3, 5),
      weights: Float32Array.of(1, 1, 2),
      times: Float64Array.of(1, 2, 3),
    };
    model.scoreUser(undefined, history, expected);
    scorer.scoreFactor(model.userFactor!(undefined, history));
    scorer.scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 5));
    const learned = new Float32Array(model.itemIds.length);
    model.scoreUser(data.userIds[0], EMPTY_HISTORY, learned);
    scorer.scoreUser(data.userIds[0]!, model.userFactor!(undefined, history));
    scorer.scores.forEach((score, i) => expect(score).toBeCloseTo(learned[i]! + expected[i]!, 4));
  });

  it('gives the average learned user’s scores', () => {
    const scorer = FactorScorer.of(
      {
        recipe: 'aws-user-personalization',
        version: 1,
        meta: { factors: 2, userIds: ['u', 'v'] },
        arrays: {
          userFactors: Float32Array.of(1, 0, 0, 3),
          itemFactors: Float32Array.of(1, 1, 2, 0, 0, -1),
        },
      },
      3,
    )!;
    expect(Array.from(scorer.averageUserScores())).toEqual([2, 1, -1.5]);
  });

  it('reads no artifact of another format', () => {
    const counts = { recipe: 'aws-popularity-count', version: 1, meta: {}, arrays: {} };
    expect(FactorScorer.of(counts, 3)).toBeUndefined();
  });
});

describe('the embedded serving WebAssembly kernel', () => {
  it('is assembly/kernel.ts compiled as asconfig.json says, byte for byte', () => {
    // On failure, rebuild kernel-wasm.ts as its comment says.
    expect(compileAssembly(ASSEMBLY).toString('base64')).toBe(KERNEL_WASM_BASE64);
  }, 60_000);
});
