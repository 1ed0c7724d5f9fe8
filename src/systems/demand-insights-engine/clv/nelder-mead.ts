// Derivative-free minimiser: the CLV likelihoods are cheap but their gradients are not, and
// lifetimes fits the same models with scipy's Nelder-Mead, which this follows step for step.

export interface NelderMeadOptions {
  /** Edge of the starting simplex along each axis. Default 0.1 × max(1, |x0ᵢ|). */
  readonly initialStep?: number;
  /** Stop when every vertex is within this of the best one, in every coordinate. Default 1e-8. */
  readonly xTolerance?: number;
  /** …and every vertex's value is within this of the best value. Default 1e-10. */
  readonly fTolerance?: number;
  /** Default 200 × dimension, as scipy. */
  readonly maxIterations?: number;
  /** Default 200 × dimension, as scipy. */
  readonly maxEvaluations?: number;
}

export interface NelderMeadResult {
  readonly x: readonly number[];
  readonly fx: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** False when the iteration or evaluation budget ran out before the tolerances were met. */
  readonly converged: boolean;
}

interface Vertex {
  readonly x: readonly number[];
  readonly fx: number;
}

/**
 * Minimises `f` from `x0`. Non-finite values of `f` count as +∞, so the simplex walks away from
 * regions where the objective is undefined instead of carrying NaN along.
 *
 * @example
 * minimiseNelderMead(([x = 0, y = 0]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x; // ≈ [1, -2]
 */
export function minimiseNelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  const xTolerance = options.xTolerance ?? 1e-8;
  const fTolerance = options.fTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200 * n;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;

  let evaluations = 0;
  const vertex = (x: readonly number[]): Vertex => {
    evaluations += 1;
    const fx = f(x);
    return { x, fx: Number.isFinite(fx) ? fx : Number.POSITIVE_INFINITY };
  };
  const combine = (from: readonly number[], to: readonly number[], weight: number): number[] =>
    from.map((fi, i) => fi + weight * ((to[i] ?? 0) - fi));

  const simplex: Vertex[] = [vertex(x0)];
  for (let i = 0; i < n; i += 1) {
    const xi = [...x0];
    const current = xi[i] ?? 0;
    xi[i] = current + (options.initialStep ?? 0.1 * Math.max(1, Math.abs(current)));
    simplex.push(vertex(xi));
  }
  simplex.sort((u, v) => u.fx - v.fx);

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && evaluations < maxEvaluations) {
    if (hasConverged(simplex, xTolerance, fTolerance)) {
      converged = true;
      break;
    }
    iterations += 1;
    const best = at(simplex, 0);
    const worst = at(simplex, n);
    const secondWorst = at(simplex, n - 1);
    const centroid = centroidOfAllBut(simplex, n);

    // Points on the line from the worst vertex through the centroid: weight 1 is the centroid.
    const reflected = vertex(combine(worst.x, centroid, 2));
    if (reflected.fx < best.fx) {
      const expanded = vertex(combine(worst.x, centroid, 3));
      simplex[n] = expanded.fx < reflected.fx ? expanded : reflected;
    } else if (reflected.fx < secondWorst.fx) {
      simplex[n] = reflected;
    } else {
      const outside = reflected.fx < worst.fx;
      const contracted = vertex(combine(worst.x, centroid, outside ? 1.5 : 0.5));
      const accept = outside ? contracted.fx <= reflected.fx : contracted.fx < worst.fx;
      if (accept) {
        simplex[n] = contracted;
      } else {
        for (let j = 1; j <= n; j += 1) simplex[j] = vertex(combine(best.x, at(simplex, j).x, 0.5));
      }
    }
    simplex.sort((u, v) => u.fx - v.fx);
  }
  if (!converged) converged = hasConverged(simplex, xTolerance, fTolerance);

  const best = at(simplex, 0);
  return { x: best.x, fx: best.fx, iterations, evaluations, converged };
}

function at(simplex: readonly Vertex[], index: number): Vertex {
  const v = simplex[index];
  if (v === undefined) throw new RangeError(`simplex has no vertex ${index}`);
  return v;
}

function centroidOfAllBut(simplex: readonly Vertex[], excluded: number): number[] {
  const n = at(simplex, 0).x.length;
  const sum = new Array<number>(n).fill(0);
  simplex.forEach((v, j) => {
    if (j === excluded) return;
    v.x.forEach((xi, i) => {
      sum[i] = (sum[i] ?? 0) + xi;
    });
  });
  return sum.map((s) => s / (simplex.length - 1));
}

function hasConverged(simplex: readonly Vertex[], xTolerance: number, fTolerance: number): boolean {
  const best = at(simplex, 0);
  if (!Number.isFinite(best.fx)) return false;
  return simplex.every(
    (v) =>
      Math.abs(v.fx - best.fx) <= fTolerance &&
      v.x.every((xi, i) => Math.abs(xi - (best.x[i] ?? 0)) <= xTolerance),
  );
}
