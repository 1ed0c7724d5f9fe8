// Long rows (x, series, y) to the wide form charts draw: one label per x, one array per series.

import type { Row } from '../api/api-types.js';
import { num } from '../format.js';

export interface Pivoted {
  readonly labels: string[];
  readonly series: { readonly label: string; readonly data: (number | null)[] }[];
}

/** Labels in first-seen order (sort the rows first); a missing (x, series) pair is null. */
export function pivot(rows: readonly Row[], x: string, series: string | undefined, y: string): Pivoted {
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const bySeries = new Map<string, Map<number, number | null>>();
  for (const row of rows) {
    const label = String(row[x] ?? '');
    let at = labelIndex.get(label);
    if (at === undefined) {
      at = labels.length;
      labels.push(label);
      labelIndex.set(label, at);
    }
    const name = series ? String(row[series] ?? '') : y;
    let values = bySeries.get(name);
    if (!values) {
      values = new Map();
      bySeries.set(name, values);
    }
    values.set(at, num(row[y]));
  }
  return {
    labels,
    series: [...bySeries].map(([label, values]) => ({
      label,
      data: labels.map((_, i) => values.get(i) ?? null),
    })),
  };
}
