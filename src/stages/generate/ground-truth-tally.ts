// Counts the ground truth while the world is generated, row by row as batches are built, so
// that nothing has to be re-read; only the expected keys (small worlds) are kept in memory.

import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import { ERROR_RULES, type ErrorRule, WARN_RULES, type WarnRule } from '../../core/validation-rules.js';
import { DEMAND_GAPS } from './category-vocabulary.js';
import type { FreeText } from './free-text.js';
import {
  FRAUD_PATTERNS,
  type FraudPattern,
  type GroundTruth,
  type SensitiveCounts,
  type TableGroundTruth,
} from './ground-truth.js';
import { COUNTRIES } from './world-geography.js';

/** A table's counters, handed to its batch builders so that counting a row is a field increment. */
export interface MutableTableTruth {
  rawRows: number;
  expectedCuratedRows: number;
  rejectedByRule: Record<ErrorRule, number>;
  warningsByRule: Record<WarnRule, number>;
  exactDuplicateRows: number;
  versionDuplicateRows: number;
}

export class GroundTruthTally {
  private readonly tables = {} as Record<SourceTableName, MutableTableTruth>;
  private readonly keys: Record<SourceTableName, number[]> | undefined;
  private readonly byColumn = new Map<string, { pans: number; ssns: number; emails: number }>();
  private readonly fraud = Object.fromEntries(FRAUD_PATTERNS.map((p) => [p, [] as number[]])) as Record<
    FraudPattern,
    number[]
  >;
  private readonly chargebacks: number[] = [];
  private readonly sums = { luhnInvalid: 0, cardNumbers: 0, ssns: 0, batches: 0, unloadable: 0 };

  constructor(collectKeys: boolean) {
    for (const table of SOURCE_TABLE_NAMES) {
      this.tables[table] = {
        rawRows: 0,
        expectedCuratedRows: 0,
        rejectedByRule: Object.fromEntries(ERROR_RULES.map((r) => [r, 0])) as Record<ErrorRule, number>,
        warningsByRule: Object.fromEntries(WARN_RULES.map((r) => [r, 0])) as Record<WarnRule, number>,
        exactDuplicateRows: 0,
        versionDuplicateRows: 0,
      };
    }
    this.keys = collectKeys
      ? (Object.fromEntries(SOURCE_TABLE_NAMES.map((t) => [t, []])) as unknown as Record<
          SourceTableName,
          number[]
        >)
      : undefined;
  }

  counters(table: SourceTableName): MutableTableTruth {
    return this.tables[table];
  }

  /** Where the expected keys of `table` go, when they are collected. */
  keysOf(table: SourceTableName): number[] | undefined {
    return this.keys?.[table];
  }

  /** A row sent once more, unchanged, outside any builder. */
  copy(table: SourceTableName): void {
    this.tables[table].rawRows++;
    this.tables[table].exactDuplicateRows++;
  }

  batch(mysqlLoadable: boolean): void {
    this.sums.batches++;
    if (!mysqlLoadable) this.sums.unloadable++;
  }

  freeText(column: string, text: FreeText): void {
    if (text.pans + text.ssns + text.emails === 0) return;
    const counts = this.byColumn.get(column) ?? { pans: 0, ssns: 0, emails: 0 };
    counts.pans += text.pans;
    counts.ssns += text.ssns;
    counts.emails += text.emails;
    this.byColumn.set(column, counts);
  }

  cardNumber(luhnValid: boolean): void {
    this.sums.cardNumbers++;
    if (!luhnValid) this.sums.luhnInvalid++;
  }

  ssn(): void {
    this.sums.ssns++;
  }

  fraudulent(pattern: FraudPattern, paymentId: number): void {
    this.fraud[pattern].push(paymentId);
  }

  chargeback(paymentId: number): void {
    this.chargebacks.push(paymentId);
  }

  /** Expected curated primary keys per table, ascending (only when collected). */
  sortedKeys(): Record<SourceTableName, number[]> | undefined {
    if (!this.keys) return undefined;
    for (const table of SOURCE_TABLE_NAMES) this.keys[table].sort((a, b) => a - b);
    return this.keys;
  }

  result(generator: GroundTruth['generator'], churn: GroundTruth['churn']): GroundTruth {
    const byColumn: Record<string, SensitiveCounts> = Object.fromEntries(
      [...this.byColumn].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const sum = (pick: (c: SensitiveCounts) => number): number =>
      Object.values(byColumn).reduce((n, c) => n + pick(c), 0);
    return {
      generator,
      endDate: generator.endDate,
      tables: this.tables as Record<SourceTableName, TableGroundTruth>,
      batches: { total: this.sums.batches, mysqlUnloadable: this.sums.unloadable },
      sensitive: {
        pansInFreeText: sum((c) => c.pans),
        ssnsInFreeText: sum((c) => c.ssns),
        emailsInFreeText: sum((c) => c.emails),
        luhnInvalidCardNumbers: this.sums.luhnInvalid,
        cardNumbers: this.sums.cardNumbers,
        ssns: this.sums.ssns,
        byColumn,
      },
      fraud: {
        paymentIdsByPattern: Object.fromEntries(
          FRAUD_PATTERNS.map((p) => [p, [...this.fraud[p]].sort((a, b) => a - b)]),
        ) as Record<FraudPattern, number[]>,
        chargebackPaymentIds: [...this.chargebacks].sort((a, b) => a - b),
      },
      churn,
      demandGaps: DEMAND_GAPS.map(({ query, suggestedCategory }) => ({ query, suggestedCategory })),
      currencyPerUsd: Object.fromEntries(COUNTRIES.map((c) => [c.currency, c.perUsd])),
    };
  }
}
