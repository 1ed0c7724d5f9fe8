import { beforeAll, describe, expect, it } from 'vitest';
import { fitLogisticClassifier, type LogisticClassifier } from './logistic-classifier.js';

function syntheticRows(n: number): { rows: number[][]; labels: boolean[] } {
  let seed = 42;
  const uniform = () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = normal();
    const b = 10 + 5 * normal();
    const noise = normal();
    const logOdds = -0.5 + 1.5 * a - 0.4 * (b - 10);
    rows.push([a, b, noise]);
    labels.push(uniform() < 1 / (1 + Math.exp(-logOdds)));
  }
  return { rows, labels };
}

describe('fitLogisticClassifier', () => {
  const { rows, labels } = syntheticRows(6000);
  let model: LogisticClassifier;
  beforeAll(async () => {
    model = await fitLogisticClassifier(rows, labels, { featureNames: ['a', 'b', 'noise'] });
  });

  it('recovers the generating coefficients on the standardised scale', () => {
    const [a, b, noise] = model.coefficients;
    expect(a! / model.scales[0]!).toBeCloseTo(1.5, 0);
    expect(b! / model.scales[1]!).toBeCloseTo(-0.4, 1);
    expect(Math.abs(noise!)).toBeLessThan(0.1);
  });

  it('predicts probabilities whose contributions add up to the log-odds', () => {
    const row = [1, 5, 0];
    const p = model.predict(row);
    const logOdds = model.intercept + model.contributions(row).reduce((s, c) => s + c, 0);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-logOdds)), 12);
    expect(p).toBeGreaterThan(0.9);
  });

  it('keeps a constant feature harmless', async () => {
    const flat = await fitLogisticClassifier(
      rows.map((r) => [r[0]!, 3]),
      labels,
      { featureNames: ['a', 'constant'] },
    );
    expect(flat.coefficients.every(Number.isFinite)).toBe(true);
    expect(flat.predict([0, 3])).toBeGreaterThan(0);
  });
});
