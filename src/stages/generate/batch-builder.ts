// Collects one batch's rows and tells the ground-truth tally what each row is: a new clean
// row, a newer or older version, an exact copy, or a row that breaks an error rule.

import type { SourceTableName } from '../../core/source-tables.js';
import type { ErrorRule, WarnRule } from '../../core/validation-rules.js';
import { type MutableRow, primaryKeySlot } from './column-slots.js';
import type { GroundTruthTally, MutableTableTruth } from './ground-truth-tally.js';

export class BatchBuilder {
  readonly rows: MutableRow[] = [];
  /** Positions of clean rows without warnings: the ones that may be copied again. */
  readonly copyable: number[] = [];
  private readonly keySlot: number;
  private readonly counts: MutableTableTruth;
  private readonly keys: number[] | undefined;

  constructor(
    readonly table: SourceTableName,
    tally: GroundTruthTally,
  ) {
    this.keySlot = primaryKeySlot(table);
    this.counts = tally.counters(table);
    this.keys = tally.keysOf(table);
  }

  /** Rows live until their chunk is exported: their concatenated strings are flattened first. */
  private keep(row: MutableRow): void {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (typeof value === 'string' && value.length > 12) value.charCodeAt(0);
    }
    this.rows.push(row);
  }

  /** The first row of a clean primary key; `warning` when it breaks a warn rule (then never copied). */
  fresh(row: MutableRow, warning?: WarnRule): void {
    this.counts.rawRows++;
    this.counts.expectedCuratedRows++;
    if (warning) this.counts.warningsByRule[warning]++;
    this.keys?.push(row[this.keySlot] as number);
    if (!warning) this.copyable.push(this.rows.length);
    this.keep(row);
  }

  /** Another version of a clean primary key already (or later) exported, with its own updated_at. */
  version(row: MutableRow): void {
    this.counts.rawRows++;
    this.counts.versionDuplicateRows++;
    this.copyable.push(this.rows.length);
    this.keep(row);
  }

  /** The very same row once more. */
  copy(row: MutableRow): void {
    this.rows.push(row);
    this.counts.rawRows++;
    this.counts.exactDuplicateRows++;
  }

  /** A row with a fresh primary key that breaks exactly `rule`. */
  rejected(row: MutableRow, rule: ErrorRule): void {
    this.keep(row);
    this.counts.rawRows++;
    this.counts.rejectedByRule[rule]++;
  }

  /** Forgets the rows (after they were exported). */
  clear(): void {
    this.rows.length = 0;
    this.copyable.length = 0;
  }

  get size(): number {
    return this.rows.length;
  }
}
