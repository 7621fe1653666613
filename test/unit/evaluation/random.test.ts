import { createRandom } from '../../../layers/core/recipes/evaluation/random';

describe('createRandom', () => {
  it('produces the xoshiro128** sequence of the reference C code, seeded by splitmix32', () => {
    // Prepare: the expected values come from the authors' xoshiro128starstar.c, compiled with
    // gcc, its state filled by four splitmix32 outputs of seed 0. Every artifact depends on them.
    const random = createRandom(0);

    // Act
    const outputs = [random.next(), random.next(), random.next()].map((x) => x * 2 ** 32);

    // Assess
    expect(outputs).toEqual([3809008728, 1133695204, 53579671]);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 8 }, () => random.int(1000));
    };

    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws next() from [0, 1)', () => {
    const random = createRandom(1);

    for (let i = 0; i < 10000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('draws int(n) uniformly from 0 to n - 1', () => {
    // Prepare
    const random = createRandom(2);
    const counts = new Array<number>(7).fill(0);
    const draws = 70000;

    // Act
    for (let i = 0; i < draws; i++) counts[random.int(7)]++;

    // Assess: 10000 expected per value, standard deviation about 93; allow 5 of them.
    for (const count of counts) expect(Math.abs(count - draws / 7)).toBeLessThan(465);
  });

  it('returns 0 from int(1) and reaches the top of int(2^32)', () => {
    const random = createRandom(3);

    expect(random.int(1)).toBe(0);
    const x = random.int(2 ** 32);
    expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('fails on the seed %p', (seed) => {
    expect(() => createRandom(seed)).toThrow(RangeError);
  });

  it.each([0, -3, 2.5, 2 ** 32 + 1])('fails on int(%p)', (n) => {
    expect(() => createRandom(0).int(n)).toThrow(RangeError);
  });

  it('shuffles arrays and Uint32Arrays into permutations, the same way for the same seed', () => {
    // Prepare
    const plain = Array.from({ length: 50 }, (_, i) => `item-${i}`);
    const typed = Uint32Array.from({ length: 50 }, (_, i) => i);

    // Act
    createRandom(4).shuffle(plain);
    createRandom(4).shuffle(typed);

    // Assess
    expect([...plain].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `item-${i}`).sort());
    expect(Array.from(typed).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(plain.map((id) => Number(id.slice(5)))).toEqual(Array.from(typed));
    expect(Array.from(typed)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('makes every permutation of three items equally likely', () => {
    // Prepare
    const random = createRandom(5);
    const counts = new Map<string, number>();

    // Act
    for (let i = 0; i < 6000; i++) {
      const items = [0, 1, 2];
      random.shuffle(items);
      counts.set(items.join(''), (counts.get(items.join('')) ?? 0) + 1);
    }

    // Assess: 1000 expected each, standard deviation about 29.
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
