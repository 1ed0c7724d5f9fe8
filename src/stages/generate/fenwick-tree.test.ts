import { describe, expect, it } from 'vitest';
import { FenwickTree } from './fenwick-tree.js';
import { SeededRandom } from './seeded-random.js';

describe('FenwickTree', () => {
  it('finds slots in proportion to their weights as it grows and changes', () => {
    const tree = new FenwickTree();
    const weights: number[] = [];
    const rng = new SeededRandom(3);
    for (let i = 0; i < 3000; i++) weights.push(tree.weightOf(tree.push(rng.next())));
    for (let i = 0; i < 3000; i += 3) {
      tree.set(i, 0);
      weights[i] = 0;
    }
    expect(tree.total).toBeCloseTo(
      weights.reduce((a, b) => a + b, 0),
      6,
    );
    let prefix = 0;
    for (let slot = 0; slot < weights.length; slot += 97) {
      prefix = weights.slice(0, slot).reduce((a, b) => a + b, 0);
      if (weights[slot]! > 0) expect(tree.find(prefix + weights[slot]! / 2)).toBe(slot);
    }
  });
});
