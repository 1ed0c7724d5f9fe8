import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { type ApiEvent, createApiLambda } from '../../../src/runtime/lambda/api-gateway-handler.js';
import { localLambdaContext } from '../../../src/runtime/lambda-context.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { createSqlTestLake, SECRET_PAN, type SqlTestLake } from '../../stages/catalog/sql-test-lake.js';
import { HOSTILE_SQL } from '../../stages/sql/hostile-sql.js';

// Payload 2.0 events as a Function URL with AWS_IAM auth delivers them.
const eventFile = (name: string): ApiEvent =>
  JSON.parse(readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8')) as ApiEvent;
const QUERY = eventFile('function-url-query');
const CATALOG = eventFile('function-url-catalog');
const UNSIGNED = eventFile('function-url-unsigned');

const withBody = (body: unknown, base64 = false): ApiEvent => {
  const text = JSON.stringify(body);
  return { ...QUERY, body: base64 ? Buffer.from(text).toString('base64') : text, isBase64Encoded: base64 };
};
const at = (method: string, path: string): ApiEvent => ({
  ...CATALOG,
  rawPath: path,
  rawQueryString: '',
  requestContext: { ...CATALOG.requestContext, http: { ...CATALOG.requestContext.http, method, path } },
});
const json = (result: { body?: string }) => JSON.parse(result.body ?? '') as Record<string, unknown>;

describe('API Lambda (Function URL events, DuckDB over a small local lake)', () => {
  let lake: SqlTestLake;
  let builds = 0;
  let handler: ReturnType<typeof createApiLambda>;
  const context = localLambdaContext('shoplake-api', 'req-0001');

  beforeAll(async () => {
    lake = await createSqlTestLake();
    await crawlCatalog({ store: lake.store, engines: lake.engines, catalog: lake.catalog });
    handler = createApiLambda(async () => {
      builds += 1;
      return {
        services: { store: lake.store, engines: lake.engines, catalog: lake.catalog, sql: lake.sql },
        logger: createSilentLogger(),
        maxResponseBytes: 20_000,
      };
    });
  });
  afterAll(async () => {
    await lake.close();
  });

  it('answers a signed query with the same routes as the server, masked', async () => {
    const result = await handler(QUERY, context);
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-request-id': 'req-0001',
    });
    expect(result.isBase64Encoded).toBe(false);
    const answer = json(result) as { rows: unknown[][]; truncated: boolean; tables: string[] };
    expect(answer.rows).toHaveLength(5);
    expect(answer.rows[0]?.slice(0, 3)).toEqual(['1', 'delivered', '1.25']);
    expect(answer.truncated).toBe(true);
    expect(answer.tables).toEqual(['curated.orders']);
    expect(result.body).not.toContain(SECRET_PAN.replace(/ /g, ''));
    expect(result.body).toContain('[card ****1111]');
    expect(builds).toBe(1);
  });

  it('reads a base64-encoded body and serves the catalog', async () => {
    const query = await handler(
      withBody({ sql: 'select count(*) as n from curated.customers' }, true),
      context,
    );
    expect(json(query).rows).toEqual([['7']]);
    const catalog = await handler(CATALOG, context);
    const tables = (json(catalog).tables as { schema: string; name: string }[]).map(
      (t) => `${t.schema}.${t.name}`,
    );
    expect(tables).toContain('market_intelligence_hub.daily_sales');
    expect(catalog.body).not.toContain('_quarantine');
    expect(json(await handler(at('GET', '/readyz'), context))).toMatchObject({ status: 'ready', tables: 4 });
    expect(builds).toBe(1);
  });

  it('refuses an event without a verified IAM identity', async () => {
    const result = await handler(UNSIGNED, context);
    expect(result.statusCode).toBe(401);
    expect(json(result)).toMatchObject({ error: { code: 'unauthorized' } });
    expect(result.body).toMatch(/AWS_IAM/);
  });

  it('answers unknown paths, wrong methods, bad bodies and hostile SQL with the server’s statuses', async () => {
    expect((await handler(at('GET', '/api/nothing'), context)).statusCode).toBe(404);
    const wrong = await handler(at('GET', '/api/query'), context);
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('POST');
    expect((await handler({ ...QUERY, body: '{not json' }, context)).statusCode).toBe(400);
    expect((await handler(withBody({ sql: `select '${'x'.repeat(70_000)}'` }), context)).statusCode).toBe(
      413,
    );
    for (const [name, sql] of HOSTILE_SQL.slice(0, 12)) {
      const result = await handler(withBody({ sql }), context);
      expect(result.statusCode, name).toBe(400);
      expect(['sql_refused', 'sql_invalid'], name).toContain((json(result).error as { code: string }).code);
    }
  });

  it('turns an answer too big for a Lambda response into 413 asking for fewer rows', async () => {
    const result = await handler(
      withBody({ sql: "select repeat('x', 1000) as filler from range(100)" }),
      context,
    );
    expect(result.statusCode).toBe(413);
    expect(json(result)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(result.body).toMatch(/fewer rows/);
  });
});
