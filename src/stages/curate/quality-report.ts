// The per-run quality report the contract asks for, kept in curated under `_reports/`.

import { CURATED } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { CurateTableResult } from './curate-table.js';

export interface QualityReport {
  readonly runId: string;
  readonly table: string;
  readonly generatedAt: string;
  readonly objects: readonly string[];
  readonly failedObjects: readonly { readonly key: string; readonly error: string }[];
  readonly rowsIn: number;
  readonly rowsKept: number;
  readonly duplicatesDropped: number;
  readonly rowsRejected: number;
  readonly rejectedByRule: Readonly<Record<string, number>>;
  readonly warningsByRule: Readonly<Record<string, number>>;
  readonly curatedRows: number;
  readonly quarantineRows: number;
  readonly droppedExtraColumns: readonly string[];
  readonly version: number;
}

export function qualityReport(runId: string, result: CurateTableResult): QualityReport {
  return {
    runId,
    table: result.table,
    generatedAt: new Date().toISOString(),
    objects: result.objects,
    failedObjects: result.failed.map((f) => ({ key: f.key, error: f.error.message })),
    rowsIn: result.rowsIn,
    rowsKept: result.rowsKept,
    duplicatesDropped: result.duplicatesDropped,
    rowsRejected: Object.values(result.rejectedByRule).reduce((a, b) => a + (b ?? 0), 0),
    rejectedByRule: result.rejectedByRule,
    warningsByRule: result.warningsByRule,
    curatedRows: result.curatedRows,
    quarantineRows: result.quarantineRows,
    droppedExtraColumns: result.droppedExtraColumns,
    version: result.version,
  };
}

export function reportKey(report: QualityReport): string {
  return `_reports/${report.table}/${report.generatedAt.slice(0, 10)}/${report.runId}.json`;
}

export async function writeQualityReport(store: ObjectStore, report: QualityReport): Promise<string> {
  const key = reportKey(report);
  await store.put(CURATED, key, `${JSON.stringify(report, null, 1)}\n`);
  return key;
}
