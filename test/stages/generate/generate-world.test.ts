import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_TABLE_NAMES, SOURCE_TABLES, type SourceTableName } from '../../../src/core/source-tables.js';
import {
  ERROR_RULES,
  type ErrorRule,
  WARN_RULES,
  type WarnRule,
} from '../../../src/core/validation-rules.js';
import { generateWorld, WorldGenerator } from '../../../src/stages/generate/generate-world.js';
import type { GroundTruth } from '../../../src/stages/generate/ground-truth.js';
import type { WorldBatch } from '../../../src/stages/generate/world-batch.js';
import { checkRow, contentKey } from './reference-validator.js';
import { type Recount, recount } from './world-recount.js';

const OPTIONS = { orders: 4000, seed: 11 } as const;

let batches: WorldBatch[];
let truth: GroundTruth;
let keys: Readonly<Record<SourceTableName, readonly number[]>> | undefined;
let counted: Recount;

beforeAll(() => {
  const world = new WorldGenerator(OPTIONS);
  batches = [...world.batches()];
  truth = world.groundTruth();
  keys = world.expectedKeys();
  counted = recount(batches);
});

function digest(list: Iterable<WorldBatch>): string {
  const hash = createHash('sha256');
  for (const batch of list)
    hash.update(JSON.stringify(batch, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  return hash.digest('hex');
}

function applicableErrorRules(table: SourceTableName): ErrorRule[] {
  const columns = SOURCE_TABLES[table].columns;
  return ERROR_RULES.filter((rule) => {
    if (rule === 'enum_value') return columns.some((c) => c.enumValues);
    if (rule === 'amount_range') return columns.some((c) => c.range);
    if (rule === 'code_format') return columns.some((c) => c.letterCode);
    if (rule === 'event_time_range') return columns.some((c) => c.eventTime);
    return true;
  });
}

function applicableWarnRules(table: SourceTableName): WarnRule[] {
  const columns = SOURCE_TABLES[table].columns;
  return WARN_RULES.filter((rule) => {
    if (rule === 'email_format') return columns.some((c) => c.sensitivity === 'email');
    if (rule === 'orphan_reference') return columns.some((c) => c.references);
    return table === 'orders';
  });
}

describe('generateWorld', () => {
  it('gives the same batches, byte for byte, for the same seed and options', () => {
    expect(digest(generateWorld(OPTIONS))).toBe(digest(batches));
    expect(digest(generateWorld({ ...OPTIONS, seed: 12 }))).not.toBe(digest(batches));
  });

  it('agrees with its ground truth when the rows are recounted by the contract', () => {
    for (const table of SOURCE_TABLE_NAMES) expect(truth.tables[table], table).toEqual(counted.tables[table]);
    expect(truth.tables.orders.expectedCuratedRows).toBe(OPTIONS.orders);
    expect(truth.batches.total).toBe(batches.length);
    expect(truth.batches.mysqlUnloadable).toBe(batches.filter((b) => !b.mysqlLoadable).length);
  });

  it('plants every applicable error and warn rule in every table, each dirty row breaking exactly one', () => {
    expect(counted.multiRuleRows).toEqual([]);
    for (const table of SOURCE_TABLE_NAMES) {
      for (const rule of applicableErrorRules(table))
        expect(truth.tables[table].rejectedByRule[rule], `${table} ${rule}`).toBeGreaterThan(0);
      for (const rule of applicableWarnRules(table))
        expect(truth.tables[table].warningsByRule[rule], `${table} ${rule}`).toBeGreaterThan(0);
    }
  });

  it('gives dirty rows primary keys no other row uses, and no child a dirty parent', () => {
    for (const table of SOURCE_TABLE_NAMES) {
      const dirty = counted.rejectedKeys[table].filter((k): k is string => k !== null);
      expect(new Set(dirty).size, table).toBe(dirty.length);
      for (const key of dirty) expect(counted.clean[table].has(Number(key)), `${table} ${key}`).toBe(false);
      expect(counted.rejectedKeys[table]).toContain(null);
      expect(
        dirty.some((k) => /^A\d+$/.test(k)),
        `${table} string key`,
      ).toBe(true);
    }
  });

  it('never duplicates a row that carries a warning, and exports parents before children', () => {
    for (const table of SOURCE_TABLE_NAMES) {
      for (const rows of counted.clean[table].values()) {
        if (rows.some((r) => r.warnings.length > 0)) expect(rows, `${table} ${rows[0]!.key}`).toHaveLength(1);
      }
    }
    for (const table of ['orders', 'order_items', 'payments'] as const) {
      for (const rows of counted.clean[table].values()) {
        for (const { row, batch, batchIndex } of rows) {
          for (const column of SOURCE_TABLES[table].columns.filter((c) => c.references)) {
            const parent = Number(row[batch.columns.findIndex((c) => c.name === column.name)]);
            const seen = counted.firstSeen[column.references!].get(parent);
            if (seen !== undefined) expect(seen, `${table}.${column.name}`).toBeLessThanOrEqual(batchIndex);
          }
        }
      }
    }
  });

  it('gives every version of a key its own updated_at, and writes the expected keys', () => {
    for (const table of SOURCE_TABLE_NAMES) {
      for (const rows of counted.clean[table].values()) {
        const contentAt = new Map<string, string>();
        for (const r of rows) {
          const content = contentKey(table, r.batch, r.row);
          expect(contentAt.get(r.updatedAt) ?? content, `${table} ${r.key}`).toBe(content);
          contentAt.set(r.updatedAt, content);
        }
      }
      expect(keys?.[table]).toEqual([...counted.clean[table].keys()].sort((a, b) => a - b));
    }
    // Some older versions arrive after a newer one (late re-exports).
    const stale = SOURCE_TABLE_NAMES.flatMap((table) =>
      [...counted.clean[table].values()].filter((rows) =>
        rows.some((r, i) =>
          rows
            .slice(0, i)
            .some((earlier) => earlier.batchIndex < r.batchIndex && earlier.updatedAt > r.updatedAt),
        ),
      ),
    );
    expect(stale.length).toBeGreaterThan(0);
    const reexports = batches.filter((b) => b.batchId.endsWith('-reexport'));
    expect(reexports.length).toBeGreaterThan(0);
  });

  it('keeps MySQL-refused values in their own batches, with normalisable values in the loadable ones', () => {
    for (const batch of batches) {
      const spec = SOURCE_TABLES[batch.table];
      for (const row of batch.rows) {
        const { errors } = checkRow(batch.table, batch, row);
        const refused = errors.includes('primary_key') || errors.includes('required_or_type');
        if (batch.mysqlLoadable) expect(refused, batch.batchId).toBe(false);
        else expect(errors, batch.batchId).toHaveLength(1);
      }
      if (!batch.mysqlLoadable)
        expect(batch.columns.find((c) => c.name === spec.primaryKey)!.type).toBe('string');
    }
    const values = (table: SourceTableName, column: string): Set<unknown> =>
      new Set(
        batches
          .filter((b) => b.table === table && b.mysqlLoadable)
          .flatMap((b) => b.rows.map((r) => r[b.columns.findIndex((c) => c.name === column)])),
      );
    const statuses = [...values('orders', 'status')].map(String);
    expect(
      statuses.some(
        (s) =>
          s !== s.trim() &&
          ['paid', 'shipped', 'delivered', 'placed', 'cancelled', 'returned'].includes(
            s.trim().toLowerCase(),
          ),
      ),
    ).toBe(true);
    expect(
      [...values('orders', 'channel')].map(String).some((s) => s === s.toUpperCase() && s.length > 2),
    ).toBe(true);
    expect([...values('orders', 'currency')].map(String).some((s) => /^[a-z]{3} ?$/.test(s))).toBe(true);
    expect([...values('customers', 'country')].map(String).some((s) => /^[a-z]{2}$/.test(s))).toBe(true);
  });

  it('drifts column types and adds extra columns in some batches', () => {
    const drifted = batches.filter(
      (b) =>
        b.mysqlLoadable &&
        b.columns.some((c, i) => c.type === 'string' && SOURCE_TABLES[b.table].columns[i]?.type !== 'string'),
    );
    expect(drifted.length).toBeGreaterThan(0);
    const timestamps = drifted.flatMap((b) =>
      b.rows.map(
        (r) =>
          r[
            b.columns.findIndex(
              (c) =>
                c.type === 'string' &&
                SOURCE_TABLES[b.table].columns.find((s) => s.name === c.name)?.type === 'timestamp',
            )
          ],
      ),
    );
    expect(
      timestamps.some(
        (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v),
      ),
    ).toBe(true);
    const extras = new Set(
      batches.flatMap((b) =>
        b.columns.map((c) => c.name).filter((n) => !SOURCE_TABLES[b.table].columns.some((s) => s.name === n)),
      ),
    );
    expect(extras).toContain('gift_message');
    expect(extras).toContain('utm_source');
  });
});
