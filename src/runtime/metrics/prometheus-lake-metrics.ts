// The lake's metrics as Prometheus families (prom-client): run metrics fed one run record at a
// time (counters only grow, as Prometheus expects), and gauges of the lake's current state
// (table rows and age, staleness, quarantine, dead letters, queued objects) set per scrape.

import { Counter, Gauge, Registry, Summary } from 'prom-client';
import type { RunRecord } from '../run-record.js';
import { RUN_METRICS, type RunMetric, runMetricValues } from './run-metrics.js';

const RUN_LABELS = ['handler', 'table'] as const;
const TABLE_LABELS = ['zone', 'system', 'table'] as const;

export interface LakeGauges {
  readonly tables: readonly {
    readonly zone: string;
    readonly system?: string;
    readonly table: string;
    readonly rows: number;
    readonly ageHours: number | null;
    readonly maxAgeHours: number;
    readonly stale: boolean;
  }[];
  readonly quarantine: readonly { readonly table: string; readonly rule: string; readonly rows: number }[];
  /** Dead letters per handler. */
  readonly deadLetters: ReadonlyMap<string, number>;
  /** Objects waiting to be processed, per handler and table. */
  readonly queued: readonly { readonly handler: string; readonly table: string; readonly objects: number }[];
}

type RunFamily =
  | { readonly metric: RunMetric; readonly counter: Counter<string> }
  | { readonly metric: RunMetric; readonly summary: Summary<string>; readonly max: Gauge<string> }
  | { readonly metric: RunMetric; readonly peak: Gauge<string> };

export class PrometheusLakeMetrics {
  readonly registry = new Registry();
  private readonly families: RunFamily[];
  /** Highest value per family and label set, for the max and peak gauges. */
  private readonly highest = new Map<string, number>();
  private readonly tableRows: Gauge<string>;
  private readonly tableAge: Gauge<string>;
  private readonly tableMaxAge: Gauge<string>;
  private readonly tableStale: Gauge<string>;
  private readonly quarantineRows: Gauge<string>;
  private readonly deadLetters: Gauge<string>;
  private readonly queueDepth: Gauge<string>;

  constructor() {
    const registers = [this.registry];
    this.families = RUN_METRICS.map((metric): RunFamily => {
      const base = metric.prometheus;
      if (metric.kind === 'counter') {
        const labelNames = metric.reasons ? [...RUN_LABELS, 'reason'] : [...RUN_LABELS];
        return { metric, counter: new Counter({ name: base, help: metric.help, labelNames, registers }) };
      }
      if (metric.kind === 'distribution') {
        return {
          metric,
          summary: new Summary({
            name: base,
            help: `${metric.help} Quantiles over every run seen since the server started reading the history.`,
            labelNames: [...RUN_LABELS],
            percentiles: [0.5, 0.95],
            registers,
          }),
          max: new Gauge({
            name: base.replace(/_seconds$/, '_max_seconds'),
            help: `${metric.help} Longest run.`,
            labelNames: [...RUN_LABELS],
            registers,
          }),
        };
      }
      return {
        metric,
        peak: new Gauge({ name: base, help: metric.help, labelNames: [...RUN_LABELS], registers }),
      };
    });
    const gauge = (name: string, help: string, labelNames: readonly string[]) =>
      new Gauge({ name, help, labelNames: [...labelNames], registers });
    this.tableRows = gauge('shoplake_table_rows', 'Rows of a committed table.', TABLE_LABELS);
    this.tableAge = gauge(
      'shoplake_table_age_seconds',
      'Time since the table was last committed.',
      TABLE_LABELS,
    );
    this.tableMaxAge = gauge(
      'shoplake_table_max_age_seconds',
      'Configured maximum age (freshness).',
      TABLE_LABELS,
    );
    this.tableStale = gauge(
      'shoplake_table_stale',
      '1 when the table is older than its maximum age or was never committed.',
      TABLE_LABELS,
    );
    this.quarantineRows = gauge('shoplake_quarantine_rows', 'Quarantined rows of a curated table by rule.', [
      'table',
      'rule',
    ]);
    this.deadLetters = gauge('shoplake_dead_letters', 'Records in the dead-letter area.', ['handler']);
    this.queueDepth = gauge('shoplake_queue_depth', 'Objects waiting to be processed.', ['handler', 'table']);
  }

  /** Adds one run to the run families. Feed each run once. */
  observe(run: RunRecord): void {
    const labels = { handler: run.stage, table: run.table ?? '' };
    const values = runMetricValues(run);
    for (const family of this.families) {
      const value = values[family.metric.field];
      const scale = family.metric.unit === 'Milliseconds' ? 1 / 1000 : 1;
      if ('counter' in family) {
        const split = family.metric.reasons?.(run);
        if (split)
          for (const [reason, n] of Object.entries(split)) family.counter.inc({ ...labels, reason }, n);
        else family.counter.inc(labels, value);
      } else if ('summary' in family) {
        family.summary.observe(labels, value * scale);
        this.setHighest(family.max, family.metric.field, labels, value * scale);
      } else {
        this.setHighest(family.peak, family.metric.field, labels, value);
      }
    }
  }

  /** Replaces the lake-state gauges with what the lake holds now. */
  setLake(state: LakeGauges): void {
    for (const g of [this.tableRows, this.tableAge, this.tableMaxAge, this.tableStale, this.quarantineRows])
      g.reset();
    for (const g of [this.deadLetters, this.queueDepth]) g.reset();
    for (const t of state.tables) {
      const labels = { zone: t.zone, system: t.system ?? '', table: t.table };
      this.tableRows.set(labels, t.rows);
      if (t.ageHours !== null) this.tableAge.set(labels, Math.round(t.ageHours * 3600));
      this.tableMaxAge.set(labels, t.maxAgeHours * 3600);
      this.tableStale.set(labels, t.stale ? 1 : 0);
    }
    for (const q of state.quarantine) this.quarantineRows.set({ table: q.table, rule: q.rule }, q.rows);
    for (const [handler, n] of state.deadLetters) this.deadLetters.set({ handler }, n);
    for (const q of state.queued) this.queueDepth.set({ handler: q.handler, table: q.table }, q.objects);
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private setHighest(
    gauge: Gauge<string>,
    field: string,
    labels: Record<string, string>,
    value: number,
  ): void {
    const id = `${field}\u0000${labels.handler}\u0000${labels.table}`;
    const highest = Math.max(this.highest.get(id) ?? value, value);
    this.highest.set(id, highest);
    gauge.set(labels, highest);
  }
}
