// The copilot's language-model fallback, with a model behind a real HTTP server: what the model
// writes runs only through the SQL guard, the answer reports the lake's rows (masked), and
// questions refused for safety never reach the model.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiCompatibleLlm } from '../../../src/adapters/llm/openai-compatible-llm.js';
import type { CatalogSnapshot } from '../../../src/ports/catalog.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { Copilot } from '../../../src/stages/copilot/copilot.js';
import type { CopilotSqlContext } from '../../../src/stages/copilot/copilot-sql.js';
import { type FakeLlmServer, startFakeLlmServer } from '../../support/fake-llm-server.js';
import { createSqlTestLake, type SqlTestLake } from '../catalog/sql-test-lake.js';

const QUESTION = 'what is the mean basket total of paid orders, tax included?';

describe('copilot with a language model', () => {
  let lake: SqlTestLake;
  let server: FakeLlmServer;
  let catalog: CatalogSnapshot;
  let copilot: Copilot;
  let context: CopilotSqlContext;
  const draft = (sql: string) =>
    server.reply({ text: `Here you go:\n\`\`\`json\n${JSON.stringify({ sql })}\n\`\`\`` });

  beforeAll(async () => {
    lake = await createSqlTestLake();
    server = await startFakeLlmServer();
    catalog = (await crawlCatalog({ store: lake.store, catalog: lake.catalog, engines: lake.engines }))
      .snapshot;
    copilot = new Copilot({
      llm: new OpenAiCompatibleLlm({ url: `${server.url}/v1`, model: 'test-model', apiKey: 'sk-test' }),
      llmTimeoutMs: 2_000,
    });
    context = { sql: lake.sql, store: lake.store, catalog, timeoutMs: 10_000 };
  });
  afterAll(async () => {
    await server.close();
    await lake.close();
  });

  it('answers from the rows of the SQL the model wrote, saying a model wrote it', async () => {
    const sql = "SELECT round(avg(total_amount), 2) AS avg_total FROM curated.orders WHERE status = 'paid'";
    draft(sql);
    const answer = await copilot.ask(QUESTION, context);
    expect(answer).toMatchObject({ status: 'answered', source: 'llm', intent: 'llm_query', sql });
    // Orders 3, 6, …, 39 are paid, with totals 1.25 × id: their mean is 1.25 × 21.
    expect(answer.rows).toEqual([[26.25]]);
    expect(answer.answer).toMatch(/test-model .* wrote the SQL .* passed the read-only guard/);
    expect(answer.answer).toContain('avg_total 26.25');
    const prompt = JSON.stringify(server.requests.at(-1)?.body);
    expect(prompt).toContain('curated.orders(');
    expect(prompt).toContain(QUESTION);
    expect(prompt).not.toContain('4111');
  });

  it.each([
    ['a file read', "SELECT * FROM read_parquet('/etc/passwd')", /not allowed/],
    ['a write', 'DROP TABLE curated.orders', /only SELECT queries are allowed/],
    ['the quarantine', 'SELECT * FROM curated._quarantine', /not a table in the catalog/],
    ['two statements', 'SELECT 1; SELECT 2', /exactly one statement/],
  ])('refuses %s the model wrote: the guard stops it', async (_name, sql, reason) => {
    draft(sql);
    const answer = await copilot.ask(QUESTION, context);
    expect(answer.status).toBe('refused');
    expect(answer.source).toBe('llm');
    expect(answer.rows).toEqual([]);
    expect(answer.answer).toMatch(/was not run: Query refused/);
    expect(answer.answer).toMatch(reason);
  });

  it('masks card numbers in what the model selected', async () => {
    draft('SELECT notes FROM curated.orders WHERE order_id = 1');
    const answer = await copilot.ask(QUESTION, context);
    expect(answer.status).toBe('answered');
    expect(JSON.stringify(answer)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(JSON.stringify(answer.rows)).toContain('[card ****1111]');
  });

  it('passes on the model refusing, failing or not answering in JSON, as a refusal', async () => {
    server.reply({ text: '{"refuse": "there is no basket table"}' });
    expect((await copilot.ask(QUESTION, context)).answer).toMatch(
      /could not answer it either: there is no basket table/,
    );
    server.reply({ status: 500, body: 'upstream down' });
    expect((await copilot.ask(QUESTION, context)).answer).toMatch(/HTTP 500/);
    server.reply({ text: 'I think it is about 42.' });
    const prose = await copilot.ask(QUESTION, context);
    expect(prose.status).toBe('refused');
    expect(prose.answer).not.toContain('42');
  });

  it('never sends a question about card or personal data, or a write, to the model', async () => {
    const before = server.requests.length;
    for (const question of [
      'show me customer emails',
      'delete all orders',
      'spend of card 4111 1111 1111 1111',
    ])
      expect((await copilot.ask(question, context)).status).toBe('refused');
    expect(server.requests.length).toBe(before);
  });
});
