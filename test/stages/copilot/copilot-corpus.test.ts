// The copilot's corpus on a generated world with every prod system: each question's numbers
// against hand-written SQL, each refusal without numbers, and the question log in the lake,
// masked, read back by retail-copilot.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { CURATED } from '../../../src/core/zones.js';
import type { CatalogSnapshot } from '../../../src/ports/catalog.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { ObjectStoreCatalog } from '../../../src/stages/catalog/object-store-catalog.js';
import type { AskAnswer, AskCell } from '../../../src/stages/copilot/ask-answer.js';
import { Copilot } from '../../../src/stages/copilot/copilot.js';
import type { CopilotSqlContext } from '../../../src/stages/copilot/copilot-sql.js';
import { QuestionLog } from '../../../src/stages/copilot/question-log.js';
import { DIMENSIONS } from '../../../src/stages/copilot/semantic-dimensions.js';
import { METRIC_NAMES, METRICS } from '../../../src/stages/copilot/semantic-metrics.js';
import { runQuery } from '../../../src/stages/sql/run-query.js';
import { retailCopilot } from '../../../src/systems/retail-copilot/retail-copilot.js';
import { PROD_SYSTEMS } from '../../../src/systems/system-registry.js';
import {
  curatedCommitEvent,
  lambdaContext,
  type PublishedWorld,
  prodRows,
  publishedWorld,
} from '../publish/published-world.js';
import type { AnswerCase, LakeDays } from './corpus-case.js';
import { MODEL_CASES } from './corpus-models.js';
import { CARD_IN_QUESTION, REFUSAL_CASES } from './corpus-refusals.js';
import { SALES_CASES } from './corpus-sales.js';
import { A } from './corpus-sql.js';

const CASES: readonly AnswerCase[] = [...SALES_CASES, ...MODEL_CASES];

describe('copilot corpus', () => {
  let world: PublishedWorld;
  let sql: DuckDbSqlEngine;
  let catalog: CatalogSnapshot;
  let context: CopilotSqlContext;
  let days: LakeDays;
  let log: QuestionLog;
  let shared: Copilot;
  const asked: string[] = [];

  const ask = async (question: string): Promise<AskAnswer> => {
    asked.push(question);
    return shared.ask(question, context);
  };
  const rowsOf = async (text: string): Promise<AskCell[][]> =>
    (await runQuery(text, { sql, store: world.lake.store, catalog })).rows.map((r) => r.map(toCell));

  beforeAll(async () => {
    world = await publishedWorld(3000, PROD_SYSTEMS);
    sql = new DuckDbSqlEngine({
      spillDir: `${world.lake.dataDir}/.tmp/sql`,
      memoryLimit: '512MB',
      threads: 2,
    });
    catalog = (
      await crawlCatalog({
        store: world.lake.store,
        catalog: new ObjectStoreCatalog(world.lake.store),
        engines: world.lake.engines,
      })
    ).snapshot;
    context = { sql, store: world.lake.store, catalog, timeoutMs: 30_000 };
    log = new QuestionLog(world.lake.store);
    shared = new Copilot({ questionLog: log });
    const rows = await rowsOf(`SELECT CAST(${A} AS VARCHAR)`);
    days = { latest: String(rows[0]?.[0]) };
  });
  afterAll(async () => {
    await sql?.close();
    await world?.close();
  });

  it('has at least 60 answerable questions and a dozen refusals', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(REFUSAL_CASES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(
    CASES.map((c, i) => [typeof c.question === 'string' ? c.question : `dated question ${i}`, c] as const),
  )('answers "%s" with the numbers the hand-written SQL gives', async (_name, c) => {
    const question = typeof c.question === 'string' ? c.question : c.question(days);
    const answer = await ask(question);
    expect(answer.status, `${question}: ${answer.answer}`).toBe('answered');
    expect(answer.source).toBe('semantic-layer');
    expect(answer.metric).toBe(c.metric);
    if (c.intent) expect(answer.intent).toBe(c.intent);
    const index = c.columns.map((name) => answer.columns.findIndex((col) => col.name === name));
    expect(index, `columns of ${question}: ${answer.columns.map((col) => col.name)}`).not.toContain(-1);
    const got = answer.rows.map((row) => index.map((i) => row[i] ?? null));
    const want = await rowsOf(c.expected);
    expect(got.length, `${question}\n${answer.sql}`).toBe(want.length);
    const [g, w] = c.ordered ? [got, want] : [sorted(got), sorted(want)];
    for (const [r, row] of g.entries()) expectRow(row, w[r] ?? [], `${question} row ${r}\n${answer.sql}`);
    expect(answer.answer).toMatch(/\d{4}-\d{2}-\d{2}/);
    if (c.period) {
      const [from, to] =
        (await rowsOf(`SELECT CAST(${c.period[0]} AS VARCHAR), CAST(${c.period[1]} AS VARCHAR)`))[0] ?? [];
      expect([answer.period?.from, answer.period?.to], question).toEqual([from, to]);
      expect(answer.answer).toContain(String(to));
    }
  });

  it('answers every metric by every dimension it offers', async () => {
    for (const name of METRIC_NAMES) {
      const metric = METRICS[name];
      for (const d of metric.dimensions) {
        const question = `${metric.phrases[0]} by ${DIMENSIONS[d].phrases[0]}`;
        const answer = await ask(question);
        expect(answer.status, `${question}: ${answer.answer}`).toBe('answered');
        expect(answer.metric, question).toBe(name);
        expect(answer.rows.length, `${question}: no rows`).toBeGreaterThan(0);
      }
    }
  });

  it.each(REFUSAL_CASES.map((c) => [c.question, c] as const))('refuses "%s" honestly', async (_q, c) => {
    const answer = await ask(c.question);
    expect(answer.status).toBe('refused');
    expect(answer.answer).toMatch(/^I can't answer that: /);
    expect(answer.answer).toMatch(c.reason);
    expect(answer.rows).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    // No number of its own: every digit in the refusal comes from the question or the lake's dates.
    const digits =
      answer.answer
        .replace(/\d{4}-\d{2}-\d{2}/g, '')
        .replace(/"[^"]*"/g, '')
        .match(/\d+/g) ?? [];
    for (const d of digits)
      expect(c.question.includes(d) || d === '1111', `${d} in ${answer.answer}`).toBe(true);
  });

  it('answers a card number question without the number, and logs every question masked', async () => {
    const answer = await ask(`revenue for card ${CARD_IN_QUESTION}`);
    expect(JSON.stringify(answer)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(answer.question).toContain('[card ****1111]');
    await log.flush();
    const lines: Record<string, unknown>[] = [];
    for await (const object of world.lake.store.list(CURATED, '_copilot_log/')) {
      const text = Buffer.from(await world.lake.store.get(CURATED, object.key)).toString('utf8');
      expect(text).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
      for (const line of text.trim().split('\n')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    expect(lines.length).toBe(asked.length);
    expect(lines.map((l) => l.status)).toContain('answered');
    expect(lines.map((l) => l.status)).toContain('refused');
    expect(lines.some((l) => String(l.question).includes('[card ****1111]'))).toBe(true);
    for (const line of lines)
      expect(Object.keys(line).sort()).toEqual([
        'asked_at',
        'intent',
        'latency_ms',
        'question',
        'rows',
        'sql',
        'status',
      ]);
  });

  it('feeds retail-copilot: the log becomes copilot_queries and copilot_patterns', async () => {
    await log.flush();
    const run = await world.handler({ systems: [retailCopilot] })(
      curatedCommitEvent(),
      lambdaContext('copilot-log'),
    );
    expect(run.systems.map((s) => s.status)).toEqual(['published']);
    const queries = await prodRows(world.lake, 'retail-copilot', 'copilot_queries');
    expect(queries.length).toBe(asked.length);
    expect(JSON.stringify(queries)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    const patterns = await prodRows(world.lake, 'retail-copilot', 'copilot_patterns');
    expect(patterns.map((p) => p.intent)).toEqual(
      expect.arrayContaining(['top_n', 'metric_total', 'unknown']),
    );
  });
});

function toCell(value: unknown): AskCell {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  const n = Number(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && !/^\d{4}-\d{2}/.test(value)
    ? n
    : String(value);
}

function sorted(rows: readonly AskCell[][]): AskCell[][] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function expectRow(got: readonly AskCell[], want: readonly AskCell[], message: string): void {
  expect(got.length, message).toBe(want.length);
  for (const [i, value] of got.entries()) {
    const expected = want[i] ?? null;
    if (typeof value === 'number' && typeof expected === 'number') {
      // Revenue read from daily_sales sums cells rounded to the cent: allow that rounding.
      expect(Math.abs(value - expected), `${message}: ${value} vs ${expected}`).toBeLessThanOrEqual(
        0.05 + Math.abs(expected) * 1e-6,
      );
    } else {
      expect(value, message).toEqual(expected);
    }
  }
}
