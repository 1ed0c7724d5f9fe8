// copilot_queries and copilot_patterns: what people ask the copilot and how well it answers,
// from its own question log under curated `_copilot_log/` (JSON lines or Parquet, one object
// per question). No log yet means both tables are published empty, with their schema, so that
// readers can rely on them. Questions and SQL are free text: masked like all free text.

import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import type { SystemContext, SystemOutput } from '../prod-system.js';

export const COPILOT_LOG_PREFIX = '_copilot_log/';
export const COPILOT_QUERIES = 'copilot_queries';
export const COPILOT_PATTERNS = 'copilot_patterns';

/** Statuses of an answered question; anything else (error, timeout, refused, ...) is a failure. */
export const COPILOT_SUCCESS_STATUSES = ['ok', 'success', 'succeeded', 'answered'] as const;

const LOG_COLUMNS = {
  asked_at: 'TIMESTAMP',
  question: 'VARCHAR',
  intent: 'VARCHAR',
  sql: 'VARCHAR',
  rows: 'BIGINT',
  latency_ms: 'DOUBLE',
  status: 'VARCHAR',
} as const;
const MASK_FUNCTION = 'copilot_mask_text';

export async function buildCopilotTables(context: SystemContext): Promise<SystemOutput[]> {
  const { engine } = context;
  const files = context.curatedFiles?.(COPILOT_LOG_PREFIX) ?? [];
  const json = files.filter((f) => /\.(jsonl|ndjson|json)$/i.test(f));
  const parquet = files.filter((f) => /\.parquet$/i.test(f));
  if (files.length > json.length + parquet.length)
    context.logger.warn('copilot.log.skipped_files', {
      files: files.length - json.length - parquet.length,
      hint: 'use .jsonl or .parquet',
    });
  const sources = [`SELECT ${typedColumns(() => undefined)} WHERE false`];
  if (json.length > 0) {
    const columns = Object.entries(LOG_COLUMNS)
      .map(([n, t]) => `${n}: '${t === 'TIMESTAMP' ? 'VARCHAR' : t}'`)
      .join(', ');
    sources.push(
      `SELECT ${typedColumns((n) => n)} FROM read_json([${json.map(literal).join(', ')}], format = 'auto', columns = {${columns}}, ignore_errors = true)`,
    );
  }
  if (parquet.length > 0) {
    const relation = `read_parquet([${parquet.map(literal).join(', ')}], union_by_name = true)`;
    const present = new Set(
      (await engine.query(`DESCRIBE SELECT * FROM ${relation}`)).map((r) => String(r.column_name)),
    );
    sources.push(`SELECT ${typedColumns((n) => (present.has(n) ? n : undefined))} FROM ${relation}`);
  }
  engine.registerTextFunction(MASK_FUNCTION, maskFreeText);
  const success = COPILOT_SUCCESS_STATUSES.map(literal).join(', ');
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${COPILOT_QUERIES} AS
    SELECT asked_at, ${MASK_FUNCTION}(question) AS question, coalesce(lower(trim(intent)), 'unknown') AS intent,
           ${MASK_FUNCTION}(sql) AS sql, rows, latency_ms, lower(trim(status)) AS status,
           coalesce(lower(trim(status)) NOT IN (${success}), true) AS is_failure
    FROM (${sources.join(' UNION ALL ')})
    WHERE asked_at IS NOT NULL OR question IS NOT NULL
    ORDER BY asked_at`);
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${COPILOT_PATTERNS} AS
    SELECT intent, count(*) AS questions,
           round(avg(latency_ms), 1) AS avg_latency_ms,
           round(quantile_cont(latency_ms, 0.95), 1) AS p95_latency_ms,
           round(avg(CAST(is_failure AS INTEGER)), 4) AS failure_rate,
           round(avg(rows), 1) AS avg_rows,
           mode(question) AS example_question,
           min(asked_at) AS first_asked_at, max(asked_at) AS last_asked_at
    FROM ${COPILOT_QUERIES} GROUP BY intent ORDER BY questions DESC, intent`);
  return [
    { table: COPILOT_QUERIES, relation: COPILOT_QUERIES },
    { table: COPILOT_PATTERNS, relation: COPILOT_PATTERNS },
  ];
}

/** The log columns in their types, each from `source(name)` or NULL when the files lack it. */
function typedColumns(source: (name: string) => string | undefined): string {
  return Object.entries(LOG_COLUMNS)
    .map(([name, type]) => {
      const from = source(name);
      return `${from === undefined ? `CAST(NULL AS ${type})` : `TRY_CAST(${from} AS ${type})`} AS ${name}`;
    })
    .join(', ');
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
