import { describe, expect, it } from 'vitest';
import { areaUnderRoc, precisionAtK } from './area-under-roc.js';

describe('areaUnderRoc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(areaUnderRoc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(areaUnderRoc([0.1, 0.2, 0.9, 0.8], [true, true, false, false])).toBe(0);
  });

  it('counts ties as half', () => {
    expect(areaUnderRoc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(areaUnderRoc([0.5, 0.5, 0.9, 0.1], [true, false, true, false])).toBeCloseTo(0.875, 12);
  });

  it('matches the pairwise definition on random data', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const scores = Array.from({ length: 300 }, () => Math.round(random() * 20) / 20);
    const labels = scores.map((s) => random() < s);
    let wins = 0;
    let pairs = 0;
    scores.forEach((sp, i) => {
      if (!labels[i]) return;
      scores.forEach((sn, j) => {
        if (labels[j]) return;
        pairs += 1;
        wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
      });
    });
    expect(areaUnderRoc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });

  it('is NaN with one class only', () => {
    expect(areaUnderRoc([0.1, 0.2], [false, false])).toBeNaN();
  });
});

describe('precisionAtK', () => {
  it('is the share of positives among the top k', () => {
    expect(precisionAtK([0.9, 0.8, 0.7, 0.1], [true, false, true, true], 2)).toBe(0.5);
    expect(precisionAtK([0.9, 0.8, 0.7, 0.1], [true, false, true, true], 3)).toBeCloseTo(2 / 3, 12);
  });
});
