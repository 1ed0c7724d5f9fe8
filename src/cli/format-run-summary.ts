// The human summary of a run: one line per table with rows in, kept, duplicates dropped,
// rejected by rule and warnings.

import Table from 'cli-table3';
import { ERROR_RULES, WARN_RULES } from '../core/validation-rules.js';
import type { RunPipelineSummary } from '../runtime/run-pipeline.js';
import type { CurateTableResult } from '../stages/curate/curate-table.js';
import type { SystemRunResult } from '../stages/publish/run-prod-system.js';

export interface TableTotals {
  table: string;
  objects: number;
  rowsIn: number;
  rowsKept: number;
  duplicatesDropped: number;
  rejected: Record<string, number>;
  warnings: Record<string, number>;
  curatedRows: number;
  quarantineRows: number;
}

/** Sums the per-invocation results of each table (a table may run in several batches). */
export function totalsByTable(results: readonly CurateTableResult[]): TableTotals[] {
  const totals = new Map<string, TableTotals>();
  for (const r of results) {
    const t = totals.get(r.table) ?? {
      table: r.table,
      objects: 0,
      rowsIn: 0,
      rowsKept: 0,
      duplicatesDropped: 0,
      rejected: {},
      warnings: {},
      curatedRows: 0,
      quarantineRows: 0,
    };
    t.objects += r.objects.length;
    t.rowsIn += r.rowsIn;
    t.rowsKept += r.rowsKept;
    t.duplicatesDropped += r.duplicatesDropped;
    for (const [rule, n] of Object.entries(r.rejectedByRule))
      t.rejected[rule] = (t.rejected[rule] ?? 0) + (n ?? 0);
    for (const [rule, n] of Object.entries(r.warningsByRule))
      t.warnings[rule] = (t.warnings[rule] ?? 0) + (n ?? 0);
    t.curatedRows = r.curatedRows;
    t.quarantineRows = r.quarantineRows;
    totals.set(r.table, t);
  }
  return [...totals.values()];
}

export function formatRunSummary(summary: RunPipelineSummary): string {
  const totals = totalsByTable(summary.tables);
  if (totals.length === 0) {
    return `Nothing to do: every raw object is already curated${summary.skippedDeadLettered ? ` (${summary.skippedDeadLettered} dead-lettered objects skipped; see \`shoplake status\`)` : ''}.`;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const rules = (counts: Record<string, number>, order: readonly string[]) =>
    order
      .filter((r) => counts[r])
      .map((r) => `${r} ${n(counts[r]!)}`)
      .join('\n') || '-';
  const table = new Table({
    head: [
      'table',
      'objects',
      'rows in',
      'kept',
      'duplicates',
      'rejected by rule',
      'warnings',
      'curated rows',
    ],
    style: { head: [], border: [] },
  });
  for (const t of totals) {
    table.push([
      t.table,
      n(t.objects),
      n(t.rowsIn),
      n(t.rowsKept),
      n(t.duplicatesDropped),
      rules(t.rejected, ERROR_RULES),
      rules(t.warnings, WARN_RULES),
      n(t.curatedRows),
    ]);
  }
  const lines = [table.toString()];
  if (summary.published.length > 0) lines.push(formatPublishResult(summary.published));
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const rowsIn = totals.reduce((a, t) => a + t.rowsIn, 0);
  lines.push(
    `${n(rowsIn)} raw rows and the prod systems in ${seconds}s (${n(Math.round(rowsIn / Math.max(0.001, summary.durationMs / 1000)))} raw rows/s overall).`,
  );
  if (summary.deadLettered > 0)
    lines.push(
      `${summary.deadLettered} object(s) failed and went to the dead-letter area: run \`shoplake status\` to see why.`,
    );
  return lines.join('\n');
}

/** One line per prod system: status, tables with their rows, seconds. */
export function formatPublishResult(systems: readonly SystemRunResult[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const prod = new Table({
    head: ['prod system', 'status', 'tables (rows)', 'seconds'],
    style: { head: [], border: [] },
  });
  for (const system of systems) {
    const tables = system.tables.map((t) => `${t.table} (${n(t.rows)})`).join('\n') || '-';
    prod.push([
      system.system,
      system.status === 'failed' ? `failed: ${(system.error ?? '').slice(0, 60)}` : system.status,
      tables,
      (system.durationMs / 1000).toFixed(1),
    ]);
  }
  return prod.toString();
}
