// Hive-style partitions read from object keys: every `column=value/` folder below the table.

import type { CatalogPartition } from '../../ports/catalog.js';

/** Values kept per partition column in the catalog; `valueCount` tells the full number. */
export const MAX_PARTITION_VALUES = 1000;

/** `daily_sales/year=2026/month=01/part-0.parquet` → `[['year','2026'], ['month','01']]`. */
export function partitionValuesOf(key: string): [string, string][] {
  const folders = key.split('/').slice(1, -1);
  const out: [string, string][] = [];
  for (const folder of folders) {
    const at = folder.indexOf('=');
    if (at <= 0) continue;
    out.push([folder.slice(0, at), decode(folder.slice(at + 1))]);
  }
  return out;
}

export function partitionsOf(keys: readonly string[]): CatalogPartition[] {
  const values = new Map<string, Set<string>>();
  for (const key of keys) {
    for (const [column, value] of partitionValuesOf(key)) {
      const set = values.get(column) ?? new Set<string>();
      set.add(value);
      values.set(column, set);
    }
  }
  return [...values].map(([column, set]) => {
    const sorted = [...set].sort();
    return { column, values: sorted.slice(0, MAX_PARTITION_VALUES), valueCount: sorted.length };
  });
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
