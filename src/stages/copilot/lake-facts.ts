// What the copilot must know about the lake before it reads a question: the days each metric
// family covers (the anchor of "yesterday" and "last month" is the latest of them) and the
// values of its dimensions (so "in EMEA" and "electronics" are recognised). One query, cached
// until one of the tables it read gets a new commit.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { JsonValue } from '../../ports/sql-engine.js';
import { addDays } from './calendar-dates.js';
import {
  type CopilotSqlContext,
  catalogTableNames,
  runCopilotQuery,
  tablesFingerprint,
} from './copilot-sql.js';
import type { DimensionValues } from './question-lexicon.js';
import type { DataRange } from './resolve-period.js';
import type { MetricFamily } from './semantic-metrics.js';

export interface FamilyRange extends DataRange {
  /** The day relative periods are anchored at: the latest day of data, or for a forecast the day before its first. */
  readonly anchor: string;
}

export interface LakeFacts {
  readonly ranges: Readonly<Partial<Record<MetricFamily, FamilyRange>>>;
  readonly values: DimensionValues;
  /** `schema.table` names in the catalog. */
  readonly tables: ReadonlySet<string>;
}

interface Probe {
  readonly table: string;
  /** Columns the table must have; a table without them (or not there at all) is not probed. */
  readonly columns: readonly string[];
  readonly select: string;
}

const days = (column: string) =>
  `{'from': strftime(min(${column}), '%Y-%m-%d'), 'to': strftime(max(${column}), '%Y-%m-%d')}`;
const values = (column: string) =>
  `list(DISTINCT ${column} ORDER BY ${column}) FILTER (WHERE ${column} IS NOT NULL)`;
const ORDERS = 'curated.orders';

// Each probe is one scalar subquery, so a lake with fewer tables or columns still answers.
const PROBES: Readonly<Record<string, Probe>> = {
  sales: { table: ORDERS, columns: ['order_ts'], select: days('order_ts') },
  region: { table: ORDERS, columns: ['region'], select: values('region') },
  country: { table: ORDERS, columns: ['country'], select: values('country') },
  channel: { table: ORDERS, columns: ['channel'], select: values('channel') },
  status: { table: ORDERS, columns: ['status'], select: values('status') },
  category: { table: 'curated.products', columns: ['category'], select: values('category') },
  segment: {
    table: 'demand_insights_engine.customer_segments',
    columns: ['segment'],
    select: values('segment'),
  },
  search: { table: 'curated.search_events', columns: ['event_ts'], select: days('event_ts') },
  fraud: { table: 'compliance_guardian.fraud_scores', columns: ['payment_ts'], select: days('payment_ts') },
  forecast: { table: 'market_intelligence_hub.sales_forecast', columns: ['date'], select: days('date') },
  churn: {
    table: 'demand_insights_engine.churn_model',
    columns: ['holdout_cutoff', 'horizon_days'],
    select: `strftime(max(holdout_cutoff) + CAST(max(horizon_days) AS INTEGER), '%Y-%m-%d')`,
  },
  clv: {
    table: 'demand_insights_engine.clv_model',
    columns: ['observation_end'],
    select: `strftime(max(observation_end), '%Y-%m-%d')`,
  },
};

/** Reads the facts once per version of the tables they come from. */
export class LakeFactsCache {
  private cached: { key: string; facts: Promise<LakeFacts> } | undefined;

  get(context: CopilotSqlContext): Promise<LakeFacts> {
    const tables = catalogTableNames(context.catalog);
    const columns = new Map(
      context.catalog.tables.map((t) => [`${t.schema}.${t.name}`, new Set(t.columns.map((c) => c.name))]),
    );
    const probes = Object.entries(PROBES).filter(([, p]) =>
      p.columns.every((c) => columns.get(p.table)?.has(c) === true),
    );
    const sql = factsSql(probes);
    const key = sql ? `${tablesFingerprint(context.catalog, sql)}\n${sql}` : '';
    if (this.cached?.key !== key) {
      const facts = sql ? readFacts(sql, context, tables) : Promise.resolve(emptyFacts(tables));
      // A failed read is not kept: the next question tries again.
      facts.catch(() => {
        if (this.cached?.facts === facts) this.cached = undefined;
      });
      this.cached = { key, facts };
    }
    return this.cached.facts;
  }
}

function factsSql(probes: readonly [string, Probe][]): string | undefined {
  if (probes.length === 0) return undefined;
  return `SELECT ${probes.map(([name, p]) => `(SELECT ${p.select} FROM ${p.table}) AS ${name}`).join(',\n  ')}`;
}

async function readFacts(sql: string, context: CopilotSqlContext, tables: Set<string>): Promise<LakeFacts> {
  const answer = await runCopilotQuery(sql, context, 1);
  const row = answer.rows[0];
  if (!row) throw new ShoplakeError('sql_failed', 'The copilot could not read the lake’s date ranges.');
  const get = (name: string): JsonValue | undefined => row[answer.columns.findIndex((c) => c.name === name)];
  const ranges: Partial<Record<MetricFamily, FamilyRange>> = {};
  const salesRange = rangeOf(objectOf(get('sales')));
  if (salesRange) {
    ranges.sales = salesRange;
    ranges.opportunity = salesRange;
  }
  const search = rangeOf(objectOf(get('search')));
  if (search) ranges.search = search;
  const fraud = rangeOf(objectOf(get('fraud')));
  if (fraud) ranges.fraud = fraud;
  const forecast = objectOf(get('forecast'));
  if (typeof forecast.from === 'string' && typeof forecast.to === 'string') {
    const anchor = addDays(forecast.from, -1);
    ranges.forecast = { from: forecast.from, to: forecast.to, anchor, future: true };
  }
  for (const family of ['churn', 'clv'] as const) {
    const asOf = get(family) ?? salesRange?.to;
    if (typeof asOf === 'string') ranges[family] = { from: asOf, to: asOf, anchor: asOf };
  }
  return {
    ranges,
    values: {
      region: listOf(get('region')),
      country: listOf(get('country')),
      channel: listOf(get('channel')),
      status: listOf(get('status')),
      category: listOf(get('category')),
      segment: listOf(get('segment')),
      risk_level: ['high', 'medium', 'low'],
    },
    tables,
  };
}

function emptyFacts(tables: Set<string>): LakeFacts {
  return { ranges: {}, values: { risk_level: ['high', 'medium', 'low'] }, tables };
}

function objectOf(value: JsonValue | undefined): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function listOf(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function rangeOf(value: Record<string, JsonValue>): FamilyRange | undefined {
  const { from, to } = value;
  return typeof from === 'string' && typeof to === 'string' ? { from, to, anchor: to } : undefined;
}
