// Recounts a world from its batches alone, with the reference validator: what the pipeline
// should find, to compare with the ground truth the generator wrote down.

import { SOURCE_TABLE_NAMES, SOURCE_TABLES, type SourceTableName } from '../../../src/core/source-tables.js';
import {
  ERROR_RULES,
  type ErrorRule,
  WARN_RULES,
  type WarnRule,
} from '../../../src/core/validation-rules.js';
import type { MutableTableTruth } from '../../../src/stages/generate/ground-truth-tally.js';
import type { BatchValue, WorldBatch } from '../../../src/stages/generate/world-batch.js';
import { checkRow, contentKey, type Parents, parsed } from './reference-validator.js';

/** Recounted from the emitted rows, in the same shape as the generator's own tally. */
export type RecountedTable = MutableTableTruth;

export interface CleanRow {
  readonly batch: WorldBatch;
  readonly batchIndex: number;
  readonly row: readonly BatchValue[];
  readonly key: number;
  readonly updatedAt: string;
  readonly warnings: readonly WarnRule[];
}

export interface Recount {
  readonly tables: Record<SourceTableName, RecountedTable>;
  /** Rows breaking more than one error rule (there should be none). */
  readonly multiRuleRows: { table: SourceTableName; errors: ErrorRule[] }[];
  /** Clean rows per table and key, every version and copy. */
  readonly clean: Record<SourceTableName, Map<number, CleanRow[]>>;
  /** Primary keys of rejected rows (as text) per table. */
  readonly rejectedKeys: Record<SourceTableName, (string | null)[]>;
  /** Position of each parent key's first clean row. */
  readonly firstSeen: Record<SourceTableName, Map<number, number>>;
}

export function recount(batches: readonly WorldBatch[]): Recount {
  const clean = Object.fromEntries(
    SOURCE_TABLE_NAMES.map((t) => [t, new Map<number, CleanRow[]>()]),
  ) as Recount['clean'];
  const rejectedKeys = Object.fromEntries(
    SOURCE_TABLE_NAMES.map((t) => [t, []]),
  ) as unknown as Recount['rejectedKeys'];
  const firstSeen = Object.fromEntries(
    SOURCE_TABLE_NAMES.map((t) => [t, new Map<number, number>()]),
  ) as Recount['firstSeen'];
  const tables = Object.fromEntries(
    SOURCE_TABLE_NAMES.map((t) => [
      t,
      {
        rawRows: 0,
        expectedCuratedRows: 0,
        rejectedByRule: Object.fromEntries(ERROR_RULES.map((r) => [r, 0])),
        warningsByRule: Object.fromEntries(WARN_RULES.map((r) => [r, 0])),
        exactDuplicateRows: 0,
        versionDuplicateRows: 0,
      },
    ]),
  ) as unknown as Record<SourceTableName, RecountedTable>;
  const multiRuleRows: Recount['multiRuleRows'] = [];

  // First pass: errors, and the clean keys that children may reference.
  const verdicts = batches.map((batch) => batch.rows.map((row) => checkRow(batch.table, batch, row)));
  batches.forEach((batch, b) => {
    const spec = SOURCE_TABLES[batch.table];
    const keyAt = batch.columns.findIndex((c) => c.name === spec.primaryKey);
    batch.rows.forEach((row, r) => {
      if (verdicts[b]![r]!.errors.length > 0) return;
      const key = Number(row[keyAt]);
      if (!firstSeen[batch.table].has(key)) firstSeen[batch.table].set(key, b);
    });
  });
  const parents: Parents = {
    customers: new Set(firstSeen.customers.keys()),
    orders: new Set(firstSeen.orders.keys()),
    products: new Set(firstSeen.products.keys()),
  };

  batches.forEach((batch, b) => {
    const table = batch.table;
    const spec = SOURCE_TABLES[table];
    const keyAt = batch.columns.findIndex((c) => c.name === spec.primaryKey);
    const updatedAt = spec.columns.find((c) => c.name === 'updated_at')!;
    const updatedAtIndex = batch.columns.findIndex((c) => c.name === 'updated_at');
    batch.rows.forEach((row, r) => {
      const counts = tables[table];
      counts.rawRows++;
      const { errors } = verdicts[b]![r]!;
      if (errors.length > 0) {
        if (errors.length > 1) multiRuleRows.push({ table, errors });
        counts.rejectedByRule[errors[0]!]++;
        rejectedKeys[table].push(row[keyAt] === null ? null : String(row[keyAt]));
        return;
      }
      const { warnings } = checkRow(table, batch, row, parents);
      for (const w of warnings) counts.warningsByRule[w]++;
      const key = Number(row[keyAt]);
      const list = clean[table].get(key) ?? [];
      list.push({
        batch,
        batchIndex: b,
        row,
        key,
        updatedAt: String(parsed(updatedAt, row[updatedAtIndex] ?? null)),
        warnings,
      });
      clean[table].set(key, list);
    });
  });

  for (const table of SOURCE_TABLE_NAMES) {
    const counts = tables[table];
    for (const rows of clean[table].values()) {
      const contents = new Set(rows.map((r) => contentKey(table, r.batch, r.row)));
      counts.expectedCuratedRows++;
      counts.exactDuplicateRows += rows.length - contents.size;
      counts.versionDuplicateRows += contents.size - 1;
    }
  }
  return { tables, multiRuleRows, clean, rejectedKeys, firstSeen };
}

/** The version of each clean key that wins: the greatest updated_at. */
export function winners(rows: Map<number, CleanRow[]>): CleanRow[] {
  return [...rows.values()].map((list) =>
    list.reduce((best, r) => (r.updatedAt > best.updatedAt ? r : best)),
  );
}
