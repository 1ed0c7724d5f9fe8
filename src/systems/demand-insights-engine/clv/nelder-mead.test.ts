import { describe, expect, it } from 'vitest';
import { minimiseNelderMead } from './nelder-mead.js';

const rosenbrock = (x: readonly number[]): number => {
  let total = 0;
  for (let i = 0; i + 1 < x.length; i += 1) {
    const xi = x[i] ?? 0;
    const next = x[i + 1] ?? 0;
    total += 100 * (next - xi * xi) ** 2 + (1 - xi) ** 2;
  }
  return total;
};

describe('minimiseNelderMead', () => {
  it('finds the minimum of the 2-D Rosenbrock valley from the classic start (-1.2, 1)', () => {
    const result = minimiseNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 2000, maxEvaluations: 4000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.fx).toBeLessThan(1e-12);
  });

  it('finds the minimum of the 4-D Rosenbrock function when restarted from its own answer', () => {
    let x: readonly number[] = [-1.2, 1, -1.2, 1];
    for (let run = 0; run < 5; run += 1)
      x = minimiseNelderMead(rosenbrock, x, { maxIterations: 5000, maxEvaluations: 10_000 }).x;
    for (const xi of x) expect(xi).toBeCloseTo(1, 5);
  });

  it('recovers the centre of a shifted, skewed quadratic bowl', () => {
    const bowl = ([x = 0, y = 0, z = 0]: readonly number[]): number =>
      (x - 3) ** 2 + 10 * (y + 2) ** 2 + (x - 3) * (y + 2) + 0.5 * (z - 0.25) ** 2;
    const result = minimiseNelderMead(bowl, [0, 0, 0], { maxIterations: 3000, maxEvaluations: 6000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(3, 6);
    expect(result.x[1]).toBeCloseTo(-2, 6);
    expect(result.x[2]).toBeCloseTo(0.25, 6);
  });

  it('walks away from points where the objective is NaN instead of returning them', () => {
    const logBarrier = ([x = 0]: readonly number[]): number => (x - 2) ** 2 - Math.log(x);
    const result = minimiseNelderMead(logBarrier, [0.05], {
      initialStep: -1,
      maxIterations: 500,
      maxEvaluations: 1000,
    });
    expect(result.converged).toBe(true);
    // d/dx: 2(x − 2) − 1/x = 0 → x = 1 + √1.5
    expect(result.x[0]).toBeCloseTo(1 + Math.sqrt(1.5), 6);
  });

  it('reports that it did not converge when the iteration budget runs out', () => {
    const result = minimiseNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
    expect(Number.isFinite(result.fx)).toBe(true);
  });
});
