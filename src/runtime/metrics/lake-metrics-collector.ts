// What `/metrics` answers: reads the run history incrementally (each run record once, so the
// counters only grow) and the lake's current state, and renders them in Prometheus text.

import { SOURCE_TABLE_NAMES } from '../../core/source-tables.js';
import { CURATED } from '../../core/zones.js';
import { findPendingRaw } from '../find-pending-raw.js';
import { type LakeStatusDeps, quarantineCounts } from '../lake-status.js';
import { lakeTables } from '../lake-tables.js';
import { RAW_TO_CURATED } from '../pipeline-routes.js';
import { RUNS_PREFIX, readRun } from '../run-ledger.js';
import { checkFreshnessKeys, tableFreshness } from '../table-freshness.js';
import { PrometheusLakeMetrics } from './prometheus-lake-metrics.js';

export interface LakeMetricsDeps extends LakeStatusDeps {
  readonly bucketPrefix: string;
}

export class LakeMetricsCollector {
  private readonly metrics = new PrometheusLakeMetrics();
  private readonly seen = new Set<string>();
  private readonly quarantineCache = new Map<string, { table: string; rule: string; rows: number }[]>();
  private last: Promise<string> = Promise.resolve('');

  constructor(private readonly deps: LakeMetricsDeps) {}

  get contentType(): string {
    return this.metrics.contentType;
  }

  /** The exposition text; scrapes run one after the other, so no run is counted twice. */
  scrape(now = new Date()): Promise<string> {
    this.last = this.last.catch(() => '').then(() => this.scrapeOnce(now));
    return this.last;
  }

  private async scrapeOnce(now: Date): Promise<string> {
    const { store } = this.deps;
    checkFreshnessKeys(this.deps.freshness);
    for await (const object of store.list(CURATED, RUNS_PREFIX)) {
      if (this.seen.has(object.key) || !object.key.endsWith('.json')) continue;
      this.seen.add(object.key);
      const run = await readRun(store, object.key);
      if (run) this.metrics.observe(run);
    }
    const { tables, curatedManifests } = await lakeTables(store);
    const letters = await this.deps.deadLetters.list();
    const deadLetters = new Map<string, number>();
    for (const letter of letters) deadLetters.set(letter.handler, (deadLetters.get(letter.handler) ?? 0) + 1);
    const pending = await findPendingRaw(store, this.deps.bucketPrefix, this.deps.deadLetters);
    this.metrics.setLake({
      tables: tables.map((t) => ({ ...t, ...tableFreshness(t, this.deps.freshness, now) })),
      quarantine: await quarantineCounts(this.deps, curatedManifests, this.quarantineCache),
      deadLetters,
      queued: SOURCE_TABLE_NAMES.map((table) => ({
        handler: RAW_TO_CURATED,
        table,
        objects: pending.byTable.get(table) ?? 0,
      })),
    });
    return this.metrics.text();
  }
}
