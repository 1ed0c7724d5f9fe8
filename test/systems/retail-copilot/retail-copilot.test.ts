// retail-copilot on a small generated world, read back from its prod Parquet: search patterns
// recomputed from curated, the generator's planted demand gaps found with their category, and
// the copilot tables empty without a log and filled (masked) from one.

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATED } from '../../../src/core/zones.js';
import type { GroundTruth } from '../../../src/stages/generate/ground-truth.js';
import { readProdManifest } from '../../../src/stages/publish/prod-table-manifest.js';
import { retailCopilot } from '../../../src/systems/retail-copilot/retail-copilot.js';
import {
  curatedCommitEvent,
  curatedRelation,
  lambdaContext,
  type PublishedWorld,
  prodRows,
  publishedWorld,
} from '../../stages/publish/published-world.js';

const SYSTEM = 'retail-copilot';
let world: PublishedWorld;

beforeAll(async () => {
  world = await publishedWorld(2500, [retailCopilot]);
}, 240_000);

afterAll(async () => {
  await world.close();
});

describe('search_patterns', () => {
  it('equals a plain SQL recomputation per normalised query', async () => {
    const expected = await world.lake.engine.query(`
      SELECT trim(regexp_replace(lower(query_text), '\\s+', ' ', 'g')) AS query, count(*) AS searches,
             count(*) FILTER (WHERE results_count = 0) AS zero, count(clicked_product_id) AS clicks
      FROM ${await curatedRelation(world.lake, 'search_events')} WHERE trim(query_text) <> '' GROUP BY 1`);
    const published = new Map(
      (await prodRows(world.lake, SYSTEM, 'search_patterns')).map((r) => [String(r.query), r]),
    );
    expect(published.size).toBe(expected.length);
    for (const e of expected) {
      const p = published.get(String(e.query))!;
      expect([p.searches, p.zero_result_searches, p.clicks].map(Number), String(e.query)).toEqual(
        [e.searches, e.zero, e.clicks].map(Number),
      );
      expect(Number(p.zero_result_rate)).toBeCloseTo(Number(e.zero) / Number(e.searches), 4);
      expect(Number(p.click_through_rate)).toBeCloseTo(Number(e.clicks) / Number(e.searches), 4);
    }
  });

  it('normalises queries and keeps masked values masked', async () => {
    const rows = await prodRows(world.lake, SYSTEM, 'search_patterns');
    for (const r of rows) {
      const q = String(r.query);
      expect(q).toBe(q.toLowerCase().trim());
      expect(q).not.toMatch(/\s{2,}/);
      expect(q).not.toMatch(/\d{13,19}|\d{3}-\d{2}-\d{4}/);
      expect(['rising', 'falling', 'stable', 'inactive']).toContain(r.trend);
    }
  });
});

describe('demand_gaps', () => {
  it('lists queries past the zero-result thresholds and finds the planted gaps with their category', async () => {
    const truth = JSON.parse(
      await readFile(join(world.lake.dataDir, 'ground-truth.json'), 'utf8'),
    ) as GroundTruth & { demandGaps: { query: string; suggestedCategory: string }[] };
    const gaps = await prodRows(world.lake, SYSTEM, 'demand_gaps');
    for (const g of gaps) {
      expect(Number(g.zero_result_searches)).toBeGreaterThanOrEqual(5);
      expect(Number(g.zero_result_searches) / Number(g.searches)).toBeGreaterThanOrEqual(0.5);
    }
    const byQuery = new Map(gaps.map((g) => [String(g.query), g]));
    const found = truth.demandGaps.filter((d) => byQuery.has(d.query));
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const d of found)
      expect(byQuery.get(d.query), d.query).toMatchObject({
        suggested_category: d.suggestedCategory,
        gap_kind: 'assortment_gap',
      });
    expect(gaps.some((g) => g.gap_kind === 'search_miss')).toBe(true);
  });
});

describe('copilot tables', () => {
  it('are published empty, with their schema, while the copilot has no log', async () => {
    for (const table of ['copilot_queries', 'copilot_patterns']) {
      const manifest = await readProdManifest(world.lake.store, SYSTEM, table);
      expect(manifest?.rows, table).toBe(0);
      expect(manifest?.files, table).toHaveLength(1);
    }
    expect(
      (await readProdManifest(world.lake.store, SYSTEM, 'copilot_queries'))!.columns.map((c) => c.name),
    ).toEqual(
      expect.arrayContaining(['asked_at', 'question', 'intent', 'sql', 'rows', 'latency_ms', 'status']),
    );
  });

  it('are built from the JSON-lines and Parquet log under curated _copilot_log/, masked', async () => {
    const lines = [
      {
        asked_at: '2026-10-30T09:00:00Z',
        question: 'Top categories last month?',
        intent: 'Ranking',
        sql: 'SELECT 1',
        rows: 8,
        latency_ms: 120,
        status: 'ok',
      },
      {
        asked_at: '2026-10-30T09:05:00Z',
        question: 'Orders paid with 4111 1111 1111 1111?',
        intent: 'lookup',
        sql: "SELECT * WHERE card = '4111111111111111'",
        rows: 0,
        latency_ms: 300,
        status: 'error',
      },
      {
        asked_at: '2026-10-30T09:06:00Z',
        question: 'Why did EMEA drop?',
        intent: 'ranking',
        sql: null,
        rows: null,
        latency_ms: 80,
        status: 'refused',
      },
    ];
    await world.lake.store.put(
      CURATED,
      '_copilot_log/2026-10-30.jsonl',
      `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
    );
    const parquet = await world.lake.store.scratchPath('.parquet');
    await world.lake.engine.run(
      `COPY (SELECT TIMESTAMP '2026-10-31 10:00:00' AS asked_at, 'Forecast for December?' AS question, 'forecast' AS intent, 420.5 AS latency_ms, 'ok' AS status) TO '${parquet}' (FORMAT parquet)`,
    );
    await world.lake.store.putFile(CURATED, '_copilot_log/2026-10-31.parquet', parquet);

    const result = await world.handler()(curatedCommitEvent(), lambdaContext('r-copilot'));
    expect(result.systems[0]?.status).toBe('published');
    const queries = await prodRows(world.lake, SYSTEM, 'copilot_queries', 'asked_at');
    expect(queries).toHaveLength(4);
    expect(JSON.stringify(queries)).not.toMatch(/4111/);
    expect(String(queries[1]!.question)).toContain('[card ****1111]');
    expect(queries.map((q) => q.intent)).toEqual(['ranking', 'lookup', 'ranking', 'forecast']);
    expect(queries[3]).toMatchObject({ rows: null, latency_ms: 420.5, is_failure: false });

    const patterns = new Map(
      (await prodRows(world.lake, SYSTEM, 'copilot_patterns')).map((p) => [String(p.intent), p]),
    );
    expect(patterns.get('ranking')).toMatchObject({ questions: '2', avg_latency_ms: 100, failure_rate: 0.5 });
    expect(patterns.get('lookup')).toMatchObject({ questions: '1', failure_rate: 1 });
    await rm(world.lake.store.pathOf(CURATED, '_copilot_log'), { recursive: true, force: true });
  });
});
