/**
 * A small seeded pseudo-random generator for everything in training and evaluation that must be
 * random yet reproducible: the held-out users, the validation users, factor initialisation and
 * sampling order. The same seed gives the same sequence on every platform, so the same data and
 * seed give the same split and the same artifact. Never use Math.random in training.
 *
 * The generator is xoshiro128** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", 2018): 128 bits of state, period 2^128 - 1, 32-bit outputs, all in 32-bit integer
 * arithmetic (Math.imul) so it is exact in JavaScript. Its state is filled from the seed by
 * splitmix32, as the authors recommend, so nearby seeds give unrelated sequences.
 *
 * The sequence is part of the artifact contract: changing this file changes every trained model.
 */

export interface Random {
  /** A uniform number in [0, 1), with 32 random bits: u32 / 2^32. */
  next(): number;
  /** A uniform integer in [0, n), without modulo bias; n is an integer from 1 to 2^32. */
  int(n: number): number;
  /** Shuffles in place, every permutation equally likely (Fisher–Yates). */
  shuffle<T>(array: T[] | Uint32Array): void;
}

const TWO_POW_32 = 0x1_0000_0000;

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** splitmix32 finaliser (a bijection on 32 bits) applied to a Weyl sequence of step 0x9e3779b9. */
function splitMix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator seeded by an integer from 0 to 2^32 - 1. */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new RangeError(`The seed must be an integer from 0 to 4294967295, not ${seed}.`);
  }
  // Four outputs of a bijection at distinct counters are distinct, so the state is never all
  // zero, the one state xoshiro cannot leave.
  const mix = splitMix32(seed);
  let s0 = mix();
  let s1 = mix();
  let s2 = mix();
  let s3 = mix();

  // xoshiro128**: output = rotl(s1 * 5, 7) * 9, then the linear xor/shift update of the state.
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`int(n) needs an integer n from 1 to 4294967296, not ${n}.`);
    }
    // Rejection sampling: accept u < limit, the largest multiple of n not above 2^32, so that
    // u mod n is exactly uniform. Fewer than half the draws are rejected, whatever n is.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let u = nextUint32();
    while (u >= limit) u = nextUint32();
    return u % n;
  };

  return {
    next: () => nextUint32() / TWO_POW_32,
    int,
    shuffle<T>(array: T[] | Uint32Array): void {
      // A plain indexable view: writing through the union type would need T & number.
      const a = array as { [index: number]: T | number };
      for (let i = array.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const swap = a[i];
        a[i] = a[j];
        a[j] = swap;
      }
    },
  };
}
