// The SQL Mann-Whitney U test against a brute-force count of pairs, on samples full of zero
// days (which the SQL never sees) and ties, and against a textbook value.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/adapters/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/ports/engine.js';
import {
  mannWhitneyMacrosSql,
  mannWhitneySql,
} from '../../../src/systems/market-intelligence-hub/mann-whitney-sql.js';

let engine: Engine;

beforeAll(async () => {
  engine = await DuckDbEngine.create({
    spillDir: join(tmpdir(), 'shoplake-mw-spill'),
    memoryLimit: '256MB',
    threads: 1,
  });
  await engine.run(mannWhitneyMacrosSql());
});

afterAll(async () => {
  await engine.close();
});

/** U of `a`, tie-corrected variance and the continuity-corrected z, by counting pairs. */
function bruteForce(a: readonly number[], b: readonly number[]): { u: number; z: number } {
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  const n = a.length + b.length;
  const counts = new Map<number, number>();
  for (const v of [...a, ...b]) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ties = [...counts.values()].reduce((s, t) => s + t ** 3 - t, 0);
  const variance = ((a.length * b.length) / 12) * (n + 1 - ties / (n * (n - 1)));
  const mu = (a.length * b.length) / 2;
  return { u, z: (Math.sign(u - mu) * Math.max(Math.abs(u - mu) - 0.5, 0)) / Math.sqrt(variance) };
}

/** Two-sided normal p-value by Simpson integration of the density (independent of the SQL's approximation). */
function twoSidedP(z: number): number {
  const from = Math.abs(z);
  const to = from + 12;
  const steps = 4000;
  const h = (to - from) / steps;
  const pdf = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = pdf(from) + pdf(to);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * pdf(from + i * h);
  return Math.min(1, (2 * sum * h) / 3);
}

async function sqlTest(groups: readonly { a: readonly number[]; b: readonly number[] }[]) {
  await engine.run(
    'CREATE OR REPLACE TEMP TABLE mw_values (g INTEGER, sample VARCHAR, value DECIMAL(18,6)); CREATE OR REPLACE TEMP TABLE mw_sizes (g INTEGER, n_a BIGINT, n_b BIGINT)',
  );
  const values = groups.flatMap((group, g) => [
    ...group.a.filter((v) => v !== 0).map((v) => [g, 'a', v] as const),
    ...group.b.filter((v) => v !== 0).map((v) => [g, 'b', v] as const),
  ]);
  if (values.length > 0) await engine.append('mw_values', values);
  await engine.append(
    'mw_sizes',
    groups.map((group, g) => [g, group.a.length, group.b.length]),
  );
  return engine.query(`SELECT * FROM (${mannWhitneySql('mw_values', 'mw_sizes', ['g'])}) ORDER BY g`);
}

describe('Mann-Whitney U in SQL', () => {
  it('matches the textbook value for two separated samples', async () => {
    const [row] = await sqlTest([{ a: [1, 2, 3, 4, 5], b: [6, 7, 8, 9, 10] }]);
    expect(Number(row!.u_a)).toBe(0);
    // scipy.stats.mannwhitneyu([1..5], [6..10], method='asymptotic') → p = 0.01219
    expect(Number(row!.p_value)).toBeCloseTo(0.01219, 4);
    expect(Number(row!.z)).toBeLessThan(0);
  });

  it('equals a brute-force count of pairs on samples with zero days, negatives and ties', async () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const draw = (n: number, pZero: number, scale: number) =>
      Array.from({ length: n }, () => (next() < pZero ? 0 : Math.round((next() - 0.1) * scale) / 4));
    const groups = Array.from({ length: 40 }, (_, i) => ({
      a: draw(28 + (i % 4), 0.3 + (i % 5) * 0.15, 40 + i),
      b: draw(31 - (i % 3), 0.5, 40),
    }));
    const rows = await sqlTest(groups);
    expect(rows).toHaveLength(groups.length);
    rows.forEach((row, g) => {
      const expected = bruteForce(groups[g]!.a, groups[g]!.b);
      expect(Number(row.u_a), `group ${g}`).toBeCloseTo(expected.u, 9);
      expect(Number(row.z), `group ${g}`).toBeCloseTo(expected.z, 9);
      expect(Math.abs(Number(row.p_value) - twoSidedP(expected.z)), `group ${g}`).toBeLessThan(1e-6);
    });
  });

  it('gives no p-value when a sample is empty or every value ties', async () => {
    const rows = await sqlTest([
      { a: [0, 0, 0], b: [0, 0] },
      { a: [1, 2], b: [] },
    ]);
    expect(rows.map((r) => r.p_value)).toEqual([null, null]);
  });
});
