// The Mann-Whitney U test (Wilcoxon rank-sum) as SQL, so that thousands of comparisons run in
// the engine: normal approximation with tie and continuity corrections, two-sided. Daily sales
// are skewed and full of zero days, which a rank test tolerates and a t-test does not. The
// zero days are not materialised: they form one tie block whose ranks are known from counts,
// so a product sold on three days of a month costs three rows, not thirty.

export const MANN_WHITNEY_TEST_NAME = 'mann_whitney_u';

/** Upper tail of the standard normal, Zelen & Severo (Abramowitz & Stegun 26.2.17), |error| < 7.5e-8. */
const NORMAL_SF_MACROS = `
  CREATE OR REPLACE TEMP MACRO normal_sf_pos(z) AS (
    exp(-z * z / 2) / sqrt(2 * pi()) * (
      0.319381530 * (1 / (1 + 0.2316419 * z))
      - 0.356563782 * pow(1 / (1 + 0.2316419 * z), 2)
      + 1.781477937 * pow(1 / (1 + 0.2316419 * z), 3)
      - 1.821255978 * pow(1 / (1 + 0.2316419 * z), 4)
      + 1.330274429 * pow(1 / (1 + 0.2316419 * z), 5)));
  CREATE OR REPLACE TEMP MACRO normal_sf(z) AS (CASE WHEN z < 0 THEN 1 - normal_sf_pos(-z) ELSE normal_sf_pos(z) END)`;

/** SQL defining `normal_sf(z)`; run once per engine session before `mannWhitneySql`. */
export function mannWhitneyMacrosSql(): string {
  return NORMAL_SF_MACROS;
}

/**
 * A query comparing two samples per key.
 * - `values`: the non-zero observations, columns `keys…`, `sample` ('a' | 'b'), `value`;
 * - `sizes`: columns `keys…`, `n_a`, `n_b`, the full sample sizes, zeros included.
 * Returns per key (of `sizes`): n_a, n_b, u_a (U of sample a), z (positive when a tends to be
 * larger) and p_value (two-sided); both NULL when a sample is empty or every value ties.
 */
export function mannWhitneySql(values: string, sizes: string, keys: readonly string[]): string {
  const k = keys.join(', ');
  const s = (alias: string) => keys.map((key) => `${alias}.${key}`).join(', ');
  // Ranks come from a running count over distinct values (one sort of grouped rows, not two
  // window passes over every observation); the zero block sits between negatives and positives.
  return `
    WITH grouped AS (
      SELECT ${k}, value, count(*) AS t, count(*) FILTER (WHERE sample = 'a') AS t_a
      FROM ${values} GROUP BY ALL),
    cumulated AS (
      SELECT *, sum(t) OVER (PARTITION BY ${k} ORDER BY value) - t AS below FROM grouped),
    explicit AS (
      SELECT ${k}, sum(t) AS nonzero, sum(t_a) AS nonzero_a, coalesce(sum(t) FILTER (WHERE value < 0), 0) AS negatives,
             sum(t * t * t - t) AS tie_term,
             sum(t_a * (below + (t + 1) / 2.0)) AS rank_sum_a_without_zeros,
             sum(t_a) FILTER (WHERE value > 0) AS positives_a
      FROM cumulated GROUP BY ALL),
    blocks AS (
      SELECT ${s('z')}, z.n_a, z.n_b,
             coalesce(e.nonzero, 0) AS nonzero, coalesce(e.negatives, 0) AS negatives, coalesce(e.tie_term, 0) AS tie_term,
             z.n_a + z.n_b - coalesce(e.nonzero, 0) AS zeros,
             z.n_a - coalesce(e.nonzero_a, 0) AS zeros_a,
             coalesce(e.rank_sum_a_without_zeros, 0) AS rank_sum_a_without_zeros,
             coalesce(e.positives_a, 0) AS positives_a
      FROM ${sizes} z LEFT JOIN explicit e USING (${k})),
    stats AS (
      SELECT ${k}, n_a, n_b,
             rank_sum_a_without_zeros + positives_a * zeros + zeros_a * (negatives + (zeros + 1) / 2.0) - n_a * (n_a + 1) / 2.0 AS u_a,
             n_a * n_b / 2.0 AS mu,
             CASE WHEN n_a + n_b > 1 THEN
               n_a * n_b / 12.0 * ((n_a + n_b + 1) - (tie_term + zeros * zeros * zeros - zeros) / ((n_a + n_b) * (n_a + n_b - 1.0)))
             END AS variance
      FROM blocks)
    SELECT ${k}, n_a, n_b, u_a,
           CASE WHEN n_a > 0 AND n_b > 0 AND variance > 1e-12
                THEN sign(u_a - mu) * greatest(abs(u_a - mu) - 0.5, 0) / sqrt(variance) END AS z,
           CASE WHEN n_a > 0 AND n_b > 0 AND variance > 1e-12
                THEN least(1.0, 2 * normal_sf(greatest(abs(u_a - mu) - 0.5, 0) / sqrt(variance))) END AS p_value
    FROM stats`;
}
