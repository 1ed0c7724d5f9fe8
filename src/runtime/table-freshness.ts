// Whether a table is stale: its last commit older than the maximum age configured for it
// (`freshness.tables`, else `freshness.zones`, else `freshness.maxAgeHours`), or never made.

import type { ShoplakeSettings } from '../config/config-schema.js';
import { ShoplakeError } from '../core/shoplake-error.js';
import { SOURCE_TABLE_NAMES } from '../core/source-tables.js';
import { PROD_SYSTEMS } from '../systems/system-registry.js';
import type { TableCommit } from './lake-tables.js';

export type FreshnessSettings = ShoplakeSettings['freshness'];

export interface TableFreshness {
  readonly stale: boolean;
  readonly maxAgeHours: number;
  /** Hours since the last commit (two decimals); null when never committed. */
  readonly ageHours: number | null;
}

/** `curated.orders`, `market-intelligence-hub.daily_sales`: how `freshness.tables` names a table. */
export function freshnessKey(table: Pick<TableCommit, 'zone' | 'system' | 'table'>): string {
  return `${table.zone === 'prod' ? table.system : 'curated'}.${table.table}`;
}

export function tableFreshness(table: TableCommit, settings: FreshnessSettings, now: Date): TableFreshness {
  const maxAgeHours =
    settings.tables[freshnessKey(table)] ?? settings.zones[table.zone] ?? settings.maxAgeHours;
  if (table.lastCommitAt === null) return { stale: true, maxAgeHours, ageHours: null };
  const ageHours = Math.max(0, (now.getTime() - Date.parse(table.lastCommitAt)) / 3_600_000);
  return { stale: ageHours > maxAgeHours, maxAgeHours, ageHours: Math.round(ageHours * 100) / 100 };
}

/** Refuses `freshness.tables` keys that name no table (a typo would silently never flag). */
export function checkFreshnessKeys(settings: FreshnessSettings): void {
  const known = new Set([
    ...SOURCE_TABLE_NAMES.map((t) => `curated.${t}`),
    ...PROD_SYSTEMS.flatMap((s) => s.tables.map((t) => `${s.name}.${t}`)),
  ]);
  const unknown = Object.keys(settings.tables).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  throw new ShoplakeError(
    'config_invalid',
    `Setting "freshness.tables" names ${unknown.map((k) => `"${k}"`).join(', ')}, which is not a table; use curated.<table> (${SOURCE_TABLE_NAMES.join(', ')}) or <system>.<table> as \`shoplake catalog\` lists them.`,
    { retryable: false },
  );
}
