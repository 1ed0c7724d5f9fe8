// `shoplake status` for people: what needs attention first (stale tables, dead letters,
// failed runs), then tables, handler metrics per table, quarantine, recent runs, dead letters.

import Table from 'cli-table3';
import type { LakeStatus } from '../runtime/lake-status.js';
import type { HandlerMetrics } from '../runtime/metrics/handler-metrics.js';
import { COMPACT_TABLE } from './compact-table.js';

export interface StatusView {
  readonly dataDir: string;
  readonly status: LakeStatus;
  /** Per handler and table, with the fields the JSON shape leaves out. */
  readonly perTable: readonly HandlerMetrics[];
  /** Raw objects not merged yet, per table. */
  readonly queued: ReadonlyMap<string, number>;
  readonly metricsWindow: number;
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatLakeStatus(view: StatusView): string {
  const { status } = view;
  const out: string[] = [`Lake: ${view.dataDir}`, ...attention(status), ''];
  const tables = new Table({
    head: ['table', 'rows', 'version', 'last commit', 'age h', 'max age h', 'quarantine', 'fresh'],
    ...COMPACT_TABLE,
  });
  for (const t of status.tables)
    tables.push([
      `${t.zone === 'prod' ? t.system : 'curated'}.${t.table}`,
      n(t.rows),
      t.version,
      t.lastCommitAt ?? 'never',
      t.ageHours ?? '-',
      t.maxAgeHours,
      t.quarantineRows === undefined ? '' : n(t.quarantineRows),
      t.stale ? 'STALE' : 'ok',
    ]);
  out.push(tables.toString(), '');

  if (view.perTable.length === 0) out.push('No runs yet: `shoplake run` processes the raw zone.', '');
  else {
    const handlers = new Table({
      head: [
        'handler',
        'table',
        'runs',
        'errors',
        'retries',
        'dead-lettered',
        'throttled (serial/conc)',
        'p50/p95/max ms',
        'rows in → out',
        'bytes in → out',
        'peak MB',
        'queued',
      ],
      ...COMPACT_TABLE,
    });
    for (const h of view.perTable)
      handlers.push([
        h.handler,
        h.table ?? '(all)',
        n(h.invocations),
        n(h.errors),
        n(h.retries),
        n(h.deadLettered),
        `${n(h.throttles)} (${n(h.throttledBySerialisation)}/${n(h.throttledByConcurrency)})`,
        `${n(h.p50Ms)} / ${n(h.p95Ms)} / ${n(h.maxMs)}`,
        `${n(h.rowsIn)} → ${n(h.rowsOut)}`,
        `${bytes(h.bytesIn)} → ${bytes(h.bytesOut)}`,
        Math.round(h.peakRssBytes / 2 ** 20),
        h.table === undefined ? '' : n(view.queued.get(h.table) ?? 0),
      ]);
    out.push(`Handlers (the last ${n(view.metricsWindow)} runs at most):`, handlers.toString(), '');
  }

  if (status.quarantineByRule.length > 0) {
    const quarantine = new Table({ head: ['quarantined', 'rows by rule'], ...COMPACT_TABLE });
    const byTable = new Map<string, string[]>();
    for (const q of status.quarantineByRule)
      byTable.set(q.table, [...(byTable.get(q.table) ?? []), `${q.rule} ${n(q.rows)}`]);
    for (const [table, rules] of byTable) quarantine.push([table, rules.join(', ')]);
    out.push(quarantine.toString(), '');
  }

  if (status.recentRuns.length > 0) {
    const recent = new Table({
      head: ['run id', 'stage', 'trigger', 'started', 'ms', 'outcome', 'in / kept / rejected / dup', 'error'],
      ...COMPACT_TABLE,
    });
    for (const r of status.recentRuns)
      recent.push([
        r.runId,
        r.stage,
        r.trigger.length > 60 ? `…${r.trigger.slice(-59)}` : r.trigger,
        r.startedAt,
        n(Date.parse(r.endedAt) - Date.parse(r.startedAt)),
        r.outcome,
        `${n(r.rowsIn)} / ${n(r.rowsKept)} / ${n(r.rowsRejected)} / ${n(r.duplicates)}`,
        (r.error ?? '').slice(0, 80),
      ]);
    out.push('Recent runs (newest first; `shoplake runs` filters them):', recent.toString(), '');
  }

  if (status.deadLetters.length === 0) out.push('Dead-letter area: empty.');
  else {
    out.push(`Dead-letter area (${view.dataDir}/dead-letter/): ${status.deadLetters.length} item(s)`);
    for (const l of status.deadLetters)
      out.push(`  ${l.id}  ${l.key}  [${l.attempts} attempt(s), ${l.failedAt}]`, `    ${l.error}`);
    out.push(
      '  Look closer: `shoplake dlq show <id>`. Fix the object (land a good copy at the same key), then `shoplake dlq redrive <id>`.',
    );
  }
  return out.join('\n');
}

/** One line per kind of trouble, or none. */
function attention(status: LakeStatus): string[] {
  const lines: string[] = [];
  const stale = status.tables.filter((t) => t.stale);
  if (stale.length > 0)
    lines.push(
      `! ${stale.length} stale table(s): ${stale.map((t) => `${t.zone === 'prod' ? t.system : 'curated'}.${t.table}`).join(', ')}`,
    );
  if (status.deadLetters.length > 0)
    lines.push(`! ${status.deadLetters.length} dead letter(s): objects that could not be processed (below)`);
  const failed = status.recentRuns.filter((r) => r.outcome === 'failed');
  if (failed.length > 0)
    lines.push(`! ${failed.length} failed run(s) among the recent ones: \`shoplake runs --outcome failed\``);
  return lines;
}

function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = value / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
