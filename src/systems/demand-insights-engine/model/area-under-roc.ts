// Ranking metrics for the models of both systems: measured on every run, never assumed.

/**
 * Area under the ROC curve: the chance that a random positive scores above a random
 * negative, ties counting half (Mann–Whitney U over average ranks). NaN without both classes.
 *
 * @example
 * areaUnderRoc([0.9, 0.2, 0.6], [true, false, false]); // 1
 */
export function areaUnderRoc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length)
    throw new RangeError(`areaUnderRoc: ${scores.length} scores for ${labels.length} labels.`);
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === scores[order[start] ?? 0]) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k] ?? 0]) {
        positives += 1;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of positives among the `k` highest scores (ties broken by input order). */
export function precisionAtK(scores: readonly number[], labels: readonly boolean[], k: number): number {
  const top = scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, k);
  return top.length === 0 ? Number.NaN : top.filter(({ i }) => labels[i]).length / top.length;
}
