// Draws an index with probability proportional to fixed weights (binary search over the
// cumulative sums): categories, countries, Zipf-ranked queries and products.

import type { SeededRandom } from './seeded-random.js';

export class CumulativeSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += Math.max(0, weights[i] ?? 0);
      this.cumulative[i] = sum;
    }
  }

  get size(): number {
    return this.cumulative.length;
  }

  sample(rng: SeededRandom): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const target = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf(-Mandelbrot) weights 1/(rank+1+offset)^s: a few heads, a long tail; the offset flattens the head. */
export function zipfWeights(count: number, exponent: number, offset = 0): Float64Array {
  const weights = new Float64Array(count);
  for (let i = 0; i < count; i++) weights[i] = 1 / (i + 1 + offset) ** exponent;
  return weights;
}
