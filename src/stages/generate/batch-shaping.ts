// How an export deviates from the schema: typed columns that arrive as text (a hand-made
// export) and extra columns nobody announced. Shaping builds new row arrays, so that rows
// shared with other batches (re-exports) stay as they were.

import { SOURCE_TABLES, type SourceTableName } from '../../core/source-tables.js';
import type { BatchBuilder } from './batch-builder.js';
import type { MutableRow } from './column-slots.js';
import { type FreeText, giftMessage, type SecretKind } from './free-text.js';
import type { GroundTruthTally } from './ground-truth-tally.js';
import type { SeededRandom } from './seeded-random.js';
import { isoTimestampText } from './timestamp-text.js';
import type { BatchColumn, BatchValue } from './world-batch.js';

export interface BatchShape {
  /** Contract columns that arrive as 'string'. */
  readonly textColumns: readonly string[];
  /** Extra columns appended after the contract's. */
  readonly extras: readonly string[];
}

export const PLAIN_SHAPE: BatchShape = { textColumns: [], extras: [] };

type ExtraValue = (rng: SeededRandom) => string | FreeText | null;

const maybe =
  (share: number, values: readonly string[]): ExtraValue =>
  (rng) =>
    rng.chance(share) ? rng.pick(values) : null;

const EXTRA_COLUMNS: Readonly<Record<SourceTableName, Readonly<Record<string, ExtraValue>>>> = {
  customers: {
    loyalty_tier: maybe(0.6, ['bronze', 'silver', 'gold', 'platinum']),
    marketing_opt_in: maybe(0.9, ['yes', 'no', 'Y', 'N']),
  },
  products: { color: maybe(0.7, ['black', 'white', 'red', 'blue', 'green', 'multi']) },
  orders: {
    utm_source: maybe(0.5, ['google', 'newsletter', 'facebook', 'affiliate', 'tiktok']),
    promo_code: maybe(0.2, ['WELCOME10', 'BF25', 'SPRING5', 'FREESHIP']),
    gift_message: (rng) => {
      if (!rng.chance(0.07)) return null;
      const kind: SecretKind | undefined = rng.chance(0.05)
        ? rng.pick(['pan', 'ssn', 'email'] as const)
        : undefined;
      return giftMessage(rng, kind);
    },
  },
  order_items: { gift_wrap: maybe(0.8, ['yes', 'no']) },
  payments: { three_ds_result: maybe(0.8, ['passed', 'failed', 'not_enrolled', 'attempted']) },
  search_events: {
    app_version: maybe(0.7, ['ios 5.2.1', 'android 5.1.0', 'web 2026.10']),
    referrer: maybe(0.4, ['google', 'direct', 'newsletter']),
  },
};

/** A random shape: some typed columns as text, some extras, or neither. */
export function randomShape(
  table: SourceTableName,
  rng: SeededRandom,
  force: { text?: readonly string[]; extras?: boolean } = {},
): BatchShape {
  const spec = SOURCE_TABLES[table];
  const typed = spec.columns.filter(
    (c) => c.type !== 'string' && c.type !== 'boolean' && c.type !== 'date' && c.name !== 'updated_at',
  );
  const textColumns: string[] = [...(force.text ?? [])];
  if (textColumns.length === 0 && rng.chance(0.12)) {
    const count = rng.between(1, 2);
    while (textColumns.length < Math.min(count, typed.length)) {
      const column = rng.pick(typed).name;
      if (!textColumns.includes(column)) textColumns.push(column);
    }
  }
  const names = Object.keys(EXTRA_COLUMNS[table]);
  const extras = force.extras
    ? names
    : rng.chance(0.15)
      ? names.filter((_, i) => i === 0 || rng.chance(0.6))
      : [];
  return { textColumns, extras };
}

/** The batch's columns and rows in its shape; copies of rows are appended after shaping. */
export function shapeRows(
  builder: BatchBuilder,
  shape: BatchShape,
  rng: SeededRandom,
  tally: GroundTruthTally,
): { columns: BatchColumn[]; rows: MutableRow[] } {
  const spec = SOURCE_TABLES[builder.table];
  const columns: BatchColumn[] = spec.columns.map((c) => ({
    name: c.name,
    type: shape.textColumns.includes(c.name) ? 'string' : c.type,
  }));
  for (const extra of shape.extras) columns.push({ name: extra, type: 'string' });
  if (shape.textColumns.length === 0 && shape.extras.length === 0) return { columns, rows: builder.rows };
  const textSlots = shape.textColumns.map((name) => spec.columns.findIndex((c) => c.name === name));
  const makers = shape.extras.map((name) => EXTRA_COLUMNS[builder.table][name]!);
  const rows = builder.rows.map((source) => {
    const row = source.slice();
    for (const slot of textSlots) row[slot] = asText(row[slot] ?? null);
    shape.extras.forEach((name, i) => {
      const value = makers[i]!(rng);
      if (value !== null && typeof value === 'object') tally.freeText(`${builder.table}.${name}`, value);
      row.push(value !== null && typeof value === 'object' ? value.text : value);
    });
    return row;
  });
  return { columns, rows };
}

const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

/** How a hand-made export writes a value: numbers as digits, timestamps in ISO 8601. */
export function asText(value: BatchValue): BatchValue {
  if (value === null) return null;
  if (typeof value === 'string') return CANONICAL_TIMESTAMP.test(value) ? isoTimestampText(value) : value;
  return String(value);
}
