/**
 * Items placed at random positions of a list: explored items (exploration.ts) and promoted ones
 * (promotions.ts). The positions are drawn from a generator seeded by the recommendationId and
 * what is placed, so a response is reproducible from its ID and the two draws are independent.
 */
import { createHash } from 'node:crypto';
import { createRandom, type Random } from '../recipes/evaluation/random';

export function seededRandom(recommendationId: string, purpose = ''): Random {
  return createRandom(
    createHash('sha256').update(recommendationId).update(purpose).digest().readUInt32LE(0),
  );
}

/**
 * `inserted` (in its order) at `inserted.length` random positions of a list of
 * base.length + inserted.length items; `base` keeps its order in the other positions.
 */
export function placeAtRandom<T>(base: readonly T[], inserted: readonly T[], random: Random): T[] {
  const count = inserted.length;
  if (count === 0) return [...base];
  const length = base.length + count;
  const slots = new Uint8Array(length);
  const positions = Uint32Array.from({ length }, (_, i) => i);
  // A partial Fisher–Yates shuffle draws `count` distinct positions.
  for (let k = 0; k < count; k++) {
    const j = k + random.int(length - k);
    [positions[k], positions[j]] = [positions[j], positions[k]];
    slots[positions[k]] = 1;
  }
  const list: T[] = [];
  let next = 0;
  let placed = 0;
  for (let p = 0; p < length; p++) list.push(slots[p] ? inserted[placed++]! : base[next++]!);
  return list;
}
