// Pipeline health from GET /api/status: the last run of each stage, rows in/kept/rejected,
// duplicates, quarantine by rule, dead letters, the freshness of every table, and handlers.

import { useMemo } from 'preact/hooks';
import { fetchStatus } from '../../api/api-client.js';
import type { LakeStatus, Row, RunRecord } from '../../api/api-types.js';
import { useApi } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { type Column, DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { StatRow, StatTile } from '../../components/stat-tile.js';
import { Empty, Loaded } from '../../components/state-views.js';
import { formatAge, formatDateTime, formatInt, humanize } from '../../format.js';

const RUN_COLUMNS: readonly Column[] = [
  { key: 'stage', label: 'Stage', format: (v) => humanize(v) },
  { key: 'trigger', label: 'Trigger' },
  { key: 'startedAt', label: 'Started', format: (v) => formatDateTime(v) },
  { key: 'outcome', label: 'Outcome', format: (v) => <Badge value={v} /> },
  { key: 'rowsIn', label: 'Rows in', numeric: true, format: (v) => formatInt(v) },
  { key: 'rowsKept', label: 'Kept', numeric: true, format: (v) => formatInt(v) },
  { key: 'rowsRejected', label: 'Rejected', numeric: true, format: (v) => formatInt(v) },
  { key: 'duplicates', label: 'Duplicates', numeric: true, format: (v) => formatInt(v) },
  { key: 'error', label: 'Error' },
];

const FRESHNESS_COLUMNS: readonly Column[] = [
  { key: 'zone', label: 'Zone' },
  { key: 'system', label: 'System' },
  { key: 'table', label: 'Table' },
  { key: 'rows', label: 'Rows', numeric: true, format: (v) => formatInt(v) },
  { key: 'quarantineRows', label: 'Quarantined', numeric: true, format: (v) => formatInt(v) },
  { key: 'version', label: 'Version', numeric: true },
  { key: 'lastCommitAt', label: 'Last commit', format: (v) => formatDateTime(v) },
  {
    key: 'ageHours',
    label: 'Age',
    numeric: true,
    format: (v) => formatAge(typeof v === 'number' ? v : null),
  },
  { key: 'freshness', label: 'Status', format: (v) => <Badge value={v} /> },
];

const HANDLER_COLUMNS: readonly Column[] = [
  { key: 'handler', label: 'Handler' },
  { key: 'invocations', label: 'Invocations', numeric: true, format: (v) => formatInt(v) },
  { key: 'errors', label: 'Errors', numeric: true, format: (v) => formatInt(v) },
  { key: 'retries', label: 'Retries', numeric: true, format: (v) => formatInt(v) },
  { key: 'throttles', label: 'Throttles', numeric: true, format: (v) => formatInt(v) },
  { key: 'p50Ms', label: 'p50 ms', numeric: true, format: (v) => formatInt(v) },
  { key: 'p95Ms', label: 'p95 ms', numeric: true, format: (v) => formatInt(v) },
  { key: 'rowsIn', label: 'Rows in', numeric: true, format: (v) => formatInt(v) },
  { key: 'rowsOut', label: 'Rows out', numeric: true, format: (v) => formatInt(v) },
];

const DEAD_LETTER_COLUMNS: readonly Column[] = [
  { key: 'failedAt', label: 'Failed', format: (v) => formatDateTime(v) },
  { key: 'bucket', label: 'Bucket' },
  { key: 'key', label: 'Object' },
  { key: 'attempts', label: 'Attempts', numeric: true },
  { key: 'error', label: 'Error' },
];

export function PipelineHealth() {
  const status = useApi(fetchStatus, 'status');
  return (
    <Loaded value={status} what="the pipeline status">
      {(s) => <HealthPanels status={s} />}
    </Loaded>
  );
}

function HealthPanels({ status }: { status: LakeStatus }) {
  const lastPerStage = useMemo(() => latestPerStage(status.recentRuns), [status]);
  const stale = status.tables.filter((t) => t.stale).length;
  const failed = status.recentRuns.filter((r) => r.outcome === 'failed').length;
  // Rows in and kept add up only within raw-to-curated; the prod systems write tables of their own.
  const totals = status.recentRuns
    .filter((r) => r.stage === 'raw-to-curated')
    .reduce(
      (sum, r) => ({
        rowsIn: sum.rowsIn + r.rowsIn,
        kept: sum.kept + r.rowsKept,
        rejected: sum.rejected + r.rowsRejected,
        duplicates: sum.duplicates + r.duplicates,
      }),
      { rowsIn: 0, kept: 0, rejected: 0, duplicates: 0 },
    );
  const quarantined = status.quarantineByRule.reduce((sum, q) => sum + q.rows, 0);
  return (
    <>
      <StatRow>
        <StatTile
          label="Recent runs"
          value={formatInt(status.recentRuns.length)}
          detail={failed > 0 ? `${failed} failed` : 'none failed'}
          tone={failed > 0 ? 'bad' : 'good'}
        />
        <StatTile
          label="Curated: rows in → kept"
          value={`${formatInt(totals.rowsIn)} → ${formatInt(totals.kept)}`}
          detail={`${formatInt(totals.rejected)} rejected · ${formatInt(totals.duplicates)} duplicates`}
        />
        <StatTile
          label="In quarantine"
          value={formatInt(quarantined)}
          detail={`${status.quarantineByRule.length} table × rule pairs`}
          tone={quarantined > 0 ? 'warn' : 'good'}
        />
        <StatTile
          label="Dead letters"
          value={formatInt(status.deadLetters.length)}
          detail={status.deadLetters.length > 0 ? 'events that failed every attempt' : 'every event handled'}
          tone={status.deadLetters.length > 0 ? 'bad' : 'good'}
        />
        <StatTile
          label="Stale tables"
          value={`${stale} of ${status.tables.length}`}
          detail={`checked ${formatDateTime(status.generatedAt)}`}
          tone={stale > 0 ? 'warn' : 'good'}
        />
      </StatRow>
      <div class="grid">
        <Panel
          id="last-runs"
          title="Last run of each stage"
          description="Rows in, kept, rejected and duplicates dropped."
          wide
        >
          {lastPerStage.length === 0 ? (
            <Empty>No runs recorded yet: run the pipeline (`npm start` or `shoplake run`).</Empty>
          ) : (
            <DataTable
              caption="Last run of each stage"
              columns={RUN_COLUMNS}
              rows={lastPerStage}
              fileName="last-runs.csv"
            />
          )}
        </Panel>
        <Panel
          id="quarantine"
          title="Quarantine by rule"
          description="Rejected rows kept aside, by the first rule they broke."
        >
          <QuarantineChart status={status} />
        </Panel>
        <Panel
          id="dead-letters"
          title="Dead letters"
          description="Events that failed every attempt; they need a person."
        >
          {status.deadLetters.length === 0 ? (
            <Empty>No dead letters: every event was handled.</Empty>
          ) : (
            <DataTable
              caption="Dead letters"
              columns={DEAD_LETTER_COLUMNS}
              rows={status.deadLetters as unknown as Row[]}
              fileName="dead-letters.csv"
            />
          )}
        </Panel>
        <Panel
          id="freshness"
          title="Freshness of each zone"
          description="Every curated and prod table: size, version and age of its last commit."
          wide
        >
          <DataTable
            caption="Table freshness"
            columns={FRESHNESS_COLUMNS}
            rows={status.tables.map((t) => ({
              ...t,
              system: t.system ?? null,
              quarantineRows: t.quarantineRows ?? null,
              freshness: t.stale ? 'stale' : 'fresh',
            }))}
            fileName="freshness.csv"
            initialSort={{ key: 'ageHours', direction: 'descending' }}
          />
        </Panel>
        <Panel
          id="recent-runs"
          title="Recent runs"
          description="Every handler invocation, newest first."
          wide
        >
          <DataTable
            caption="Recent runs"
            columns={RUN_COLUMNS}
            rows={status.recentRuns.map(runRow)}
            fileName="recent-runs.csv"
            initialSort={{ key: 'startedAt', direction: 'descending' }}
          />
        </Panel>
        <Panel
          id="handlers"
          title="Handlers"
          description="Invocations, failures and durations per handler."
          wide
        >
          <DataTable
            caption="Handlers"
            columns={HANDLER_COLUMNS}
            rows={status.handlers as unknown as Row[]}
            fileName="handlers.csv"
          />
        </Panel>
      </div>
    </>
  );
}

function QuarantineChart({ status }: { status: LakeStatus }) {
  const config = useMemo(() => {
    const byRule = new Map<string, number>();
    for (const q of status.quarantineByRule) byRule.set(q.rule, (byRule.get(q.rule) ?? 0) + q.rows);
    const ranked = [...byRule].sort((a, b) => b[1] - a[1]);
    return barChart({
      labels: ranked.map(([rule]) => humanize(rule)),
      series: [{ label: 'Rows', data: ranked.map(([, rows]) => rows), color: '#d55e00' }],
      horizontal: true,
    });
  }, [status]);
  if (status.quarantineByRule.length === 0) return <Empty>Nothing in quarantine: every row passed.</Empty>;
  const summary = status.quarantineByRule.map((q) => `${q.table} ${q.rule}: ${q.rows}`).join('; ');
  return (
    <>
      <ChartView config={config} label={`Quarantined rows by rule. ${summary}`} size="small" />
      <DataTable
        caption="Quarantine by table and rule"
        columns={[
          { key: 'table', label: 'Table' },
          { key: 'rule', label: 'Rule', format: (v) => humanize(v) },
          { key: 'rows', label: 'Rows', numeric: true, format: (v) => formatInt(v) },
        ]}
        rows={status.quarantineByRule as unknown as Row[]}
        fileName="quarantine-by-rule.csv"
        initialSort={{ key: 'rows', direction: 'descending' }}
        pageSize={6}
      />
    </>
  );
}

function latestPerStage(runs: readonly RunRecord[]): Row[] {
  const latest = new Map<string, RunRecord>();
  for (const run of runs) {
    const seen = latest.get(run.stage);
    if (!seen || run.startedAt > seen.startedAt) latest.set(run.stage, run);
  }
  return [...latest.values()].map(runRow);
}

function runRow(run: RunRecord): Row {
  return { ...run, error: run.error ?? null };
}
