import { describe, expect, it } from 'vitest';
import { biasOf, contributionsOf, logitOf, probabilityOf } from './boosted-trees.js';
import { fitBoostedTrees } from './fit-boosted-trees.js';

// A label driven by x (strongly), y (weakly, and only when x is high) and noise; z is noise.
function synthetic(n: number, seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const x: number[] = [];
  const y: number[] = [];
  const z: number[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    x.push(random() * 10);
    y.push(random() * 10);
    z.push(random());
    const score = x[i]! - 5 + (x[i]! > 6 ? (y[i]! - 5) / 3 : 0) + (random() - 0.5) * 4;
    labels.push(score > 0);
  }
  return { features: { x, y, z }, labels };
}

const rowsOf = (features: Record<string, number[]>, names: readonly string[]) =>
  features[names[0]!]!.map((_, i) => names.map((name) => features[name]![i]!));

describe('gradient-boosted trees read from YDF', () => {
  it('predicts what YDF itself predicts', async () => {
    const data = synthetic(3000, 7);
    const { model, ydfProbabilities } = await fitBoostedTrees(data, { predictOn: data.features });
    const rows = rowsOf(data.features, model.featureNames);
    expect(ydfProbabilities).toHaveLength(3000);
    for (const [i, row] of rows.entries())
      expect(probabilityOf(model, row)).toBeCloseTo(ydfProbabilities![i]!, 5);
  });

  it('gives the log-odds of a true label, and contributions that add up to it', async () => {
    const data = synthetic(4000, 11);
    const { model } = await fitBoostedTrees(data);
    expect(model.positiveClass).toBe('yes');
    expect(model.trees.length).toBeGreaterThan(5);
    const rows = rowsOf(data.features, model.featureNames);
    const bias = biasOf(model);
    let agree = 0;
    const meanAbs = new Map(model.featureNames.map((name) => [name, 0]));
    for (const [i, row] of rows.entries()) {
      const contributions = contributionsOf(model, row);
      const total = contributions.reduce((sum, c) => sum + c, bias);
      expect(total).toBeCloseTo(logitOf(model, row), 9);
      if (logitOf(model, row) > 0 === data.labels[i]) agree += 1;
      for (const [j, name] of model.featureNames.entries()) {
        meanAbs.set(name, meanAbs.get(name)! + Math.abs(contributions[j]!));
      }
    }
    expect(agree / rows.length).toBeGreaterThan(0.8);
    // x drives the label, y a little, z not at all: so do the explanations.
    expect(meanAbs.get('x')!).toBeGreaterThan(3 * meanAbs.get('y')!);
    expect(meanAbs.get('y')!).toBeGreaterThan(meanAbs.get('z')!);
  });

  it('refuses missing values, which the wasm API cannot pass as missing', async () => {
    await expect(
      fitBoostedTrees({ features: { x: [1, Number.NaN, 3] }, labels: [true, false, true] }),
    ).rejects.toThrow('feature x has a missing or infinite value in row 2');
  });

  it('refuses a label with one class with a clear error', async () => {
    await expect(fitBoostedTrees({ features: { x: [1, 2, 3] }, labels: [true, true, true] })).rejects.toThrow(
      /YDF could not train|Cannot read/,
    );
  });
});
