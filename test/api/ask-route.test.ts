// POST /api/ask and GET /api/ask/suggestions end to end through ApiServer on a generated world
// with every prod system, and `shoplake ask` giving the same answer on the command line.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDbSqlEngine } from '../../src/adapters/duckdb/duckdb-sql-engine.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../../src/api/api-server.js';
import { askCommand, REFUSED_EXIT_CODE } from '../../src/cli/commands/ask-command.js';
import { CURATED } from '../../src/core/zones.js';
import { ObjectStoreCatalog } from '../../src/stages/catalog/object-store-catalog.js';
import type { AskAnswer } from '../../src/stages/copilot/ask-answer.js';
import { QueryResultCache } from '../../src/stages/sql/query-result-cache.js';
import { PROD_SYSTEMS } from '../../src/systems/system-registry.js';
import { type PublishedWorld, publishedWorld } from '../stages/publish/published-world.js';

const PAN = /4111[ -]?1111[ -]?1111[ -]?1111/;

describe('POST /api/ask', () => {
  let world: PublishedWorld;
  let sql: DuckDbSqlEngine;
  let api: ApiServer;
  const ask = async (
    body: unknown,
  ): Promise<{ status: number; json: AskAnswer & { error?: { code: string } } }> => {
    const response = await fetch(`${api.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      json: (await response.json()) as AskAnswer & { error?: { code: string } },
    };
  };

  beforeAll(async () => {
    world = await publishedWorld(1000, PROD_SYSTEMS, 5);
    sql = new DuckDbSqlEngine({
      spillDir: `${world.lake.dataDir}/.tmp/sql`,
      memoryLimit: '512MB',
      threads: 2,
    });
    const store = world.lake.store;
    api = await ApiServer.start(
      {
        store,
        engines: world.lake.engines,
        catalog: new ObjectStoreCatalog(store),
        sql,
        queryCache: new QueryResultCache(),
        logger: createSilentLogger(),
        apiToken: undefined,
      },
      { port: 0, host: '127.0.0.1', catalogRefreshMs: 0, queryTimeoutMs: 20_000 },
    );
  });
  afterAll(async () => {
    await api?.close();
    await world?.close();
  });

  it('answers in the fixed AskAnswer shape, with the rows its SQL gives', async () => {
    const { status, json } = await ask({ question: 'top 5 categories by revenue last month' });
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(
      [
        'answer',
        'chart',
        'columns',
        'dimensions',
        'elapsedMs',
        'filters',
        'intent',
        'metric',
        'period',
        'question',
        'rows',
        'source',
        'sql',
        'status',
        'suggestions',
      ].sort(),
    );
    expect(json).toMatchObject({
      status: 'answered',
      intent: 'top_n',
      metric: 'revenue',
      dimensions: ['category'],
      source: 'semantic-layer',
    });
    expect(json.chart).toEqual({ type: 'bar', x: 'category', y: ['revenue'] });
    expect(json.period?.label).toMatch(/^last month \(\d{4}-\d{2}-01 – \d{4}-\d{2}-\d{2}\)$/);
    expect(json.answer).toContain(json.period?.from);
    const query = await fetch(`${api.url}/api/query`, {
      method: 'POST',
      body: JSON.stringify({ sql: json.sql }),
    });
    const rows = ((await query.json()) as { rows: unknown[][] }).rows.map((r) =>
      r.map((v) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)),
    );
    expect(rows).toEqual(json.rows);
  });

  it('refuses honestly with 200, suggestions and no rows', async () => {
    const { status, json } = await ask({ question: 'delete all orders' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'refused', rows: [], columns: [] });
    expect(json.answer).toMatch(/^I can't answer that/);
    expect(json.suggestions.length).toBeGreaterThan(0);
  });

  it.each([
    ['malformed JSON', '{"question": "revenue', 400],
    ['an empty body', '', 400],
    ['a question that is not a string', { question: 42 }, 400],
    ['no question', { q: 'revenue' }, 400],
    ['an empty question', { question: '   ' }, 400],
    ['a question over 1000 characters', { question: 'revenue '.repeat(200) }, 400],
    ['a body over 64 KB', { question: 'x'.repeat(70_000) }, 413],
  ])('answers %s with %i and a JSON error', async (_name, body, status) => {
    const response = await ask(body);
    expect(response.status).toBe(status);
    expect(response.json.error?.code).toBe(status === 413 ? 'payload_too_large' : 'invalid_argument');
  });

  it('offers suggestions, every one of which it answers', async () => {
    const response = await fetch(`${api.url}/api/ask/suggestions`);
    const { suggestions } = (await response.json()) as { suggestions: string[] };
    expect(suggestions.length).toBeGreaterThanOrEqual(8);
    for (const question of suggestions) {
      const { json } = await ask({ question });
      expect(json.status, `${question}: ${json.answer}`).toBe('answered');
    }
  });

  it('never answers or stores a card number in clear', async () => {
    const { json } = await ask({ question: 'orders paid with 4111 1111 1111 1111 last month' });
    expect(json.status).toBe('refused');
    expect(JSON.stringify(json)).not.toMatch(PAN);
    expect(json.question).toContain('[card ****1111]');
    let logged = '';
    for await (const object of world.lake.store.list(CURATED, '_copilot_log/'))
      logged += Buffer.from(await world.lake.store.get(CURATED, object.key)).toString('utf8');
    expect(logged).toContain('[card ****1111]');
    expect(logged).not.toMatch(PAN);
  });

  it('answers 30 questions at once', async () => {
    const questions = [
      'revenue by region',
      'how many orders yesterday',
      'fraud rate last 30 days',
      'churn rate by segment',
      'top 10 search terms',
    ];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ask({ question: questions[i % questions.length] })),
    );
    expect(answers.map((a) => a.json.status)).toEqual(Array(30).fill('answered'));
  });

  it('gives the same answer on the command line, with dates and SQL', async () => {
    const question = 'average order value by channel last quarter';
    const { json } = await ask({ question });
    const cli = await runAsk([question, '--json', '--data-dir', world.lake.dataDir]);
    expect(cli.code).toBe(0);
    const answer = JSON.parse(cli.out) as AskAnswer;
    expect([answer.sql, answer.rows, answer.period]).toEqual([json.sql, json.rows, json.period]);
    const text = await runAsk([question, '--data-dir', world.lake.dataDir, '--no-refresh']);
    expect(text.out).toContain(json.answer);
    expect(text.out).toContain(`Dates covered: ${json.period?.label}`);
    expect(text.out).toContain('SQL:');
    const refused = await runAsk(['how is the weather', '--data-dir', world.lake.dataDir, '--no-refresh']);
    expect(refused.code).toBe(REFUSED_EXIT_CODE);
    expect(refused.out).toMatch(/^I can't answer that/);
  });
});

async function runAsk(args: string[]): Promise<{ out: string; code: number | string | undefined }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const previous = process.exitCode;
  try {
    await askCommand().parseAsync(args, { from: 'user' });
    return { out, code: process.exitCode };
  } finally {
    write.mockRestore();
    process.exitCode = previous;
  }
}
