// Seeded random numbers: same seed, same sequence, on any machine (Mersenne Twister from pure-rand).
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
}

export function seededRng(seed: number): Rng {
  const g = mersenne(seed | 0);
  return {
    next: () => uniformFloat64(g),
    int: (min, max) => uniformInt(g, min, max),
    pick: (xs) => xs[uniformInt(g, 0, xs.length - 1)],
  };
}
