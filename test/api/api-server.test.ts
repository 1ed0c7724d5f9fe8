import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { ApiServer, type ApiServerDeps, type ApiServerOptions } from '../../src/api/api-server.js';
import { isLoopbackAddress } from '../../src/api/request-auth.js';
import { queryCommand } from '../../src/cli/commands/query-command.js';
import type { SqlEngine } from '../../src/ports/sql-engine.js';
import { ObjectStoreCatalog } from '../../src/stages/catalog/object-store-catalog.js';
import { createSqlTestLake, SECRET_PAN, type SqlTestLake } from '../stages/catalog/sql-test-lake.js';
import { HOSTILE_SQL } from '../stages/sql/hostile-sql.js';

const TOKEN = 'test-api-token-0123456789';

describe('ApiServer', () => {
  let lake: SqlTestLake;
  let api: ApiServer;
  const deps = (overrides: Partial<ApiServerDeps> = {}): ApiServerDeps => ({
    store: lake.store,
    engines: lake.engines,
    catalog: lake.catalog,
    sql: lake.sql,
    logger: createSilentLogger(),
    apiToken: TOKEN,
    ...overrides,
  });
  const start = (d: ApiServerDeps, options: Partial<ApiServerOptions> = {}) =>
    ApiServer.start(d, {
      port: 0,
      host: '127.0.0.1',
      catalogRefreshMs: 0,
      queryTimeoutMs: 500,
      shutdownGraceMs: 3_000,
      ...options,
    });
  const call = (path: string, init: RequestInit = {}, server = api) => fetch(`${server.url}${path}`, init);
  const post = (body: unknown, headers: Record<string, string> = {}, server = api) =>
    call(
      '/api/query',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      },
      server,
    );

  beforeAll(async () => {
    lake = await createSqlTestLake();
    api = await start(deps({ sql: wrapSql(lake.sql, {}) }));
  });
  afterAll(async () => {
    await api.close();
    await lake.close();
  });

  it('answers liveness and readiness', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', tables: 4 });
  });

  it('serves the catalog', async () => {
    const body = (await (await call('/api/catalog')).json()) as {
      tables: { schema: string; name: string; rows: number }[];
    };
    expect(body.tables.map((t) => `${t.schema}.${t.name}`)).toContain('market_intelligence_hub.daily_sales');
    expect(body.tables.find((t) => t.name === 'orders')?.rows).toBe(40);
    expect(JSON.stringify(body)).not.toContain('_quarantine');
  });

  it('answers a query with the same rows as the CLI', async () => {
    const sql = 'select order_id, status, total_amount, notes from curated.orders order by order_id';
    const response = await post({ sql, limit: 10 });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { rows: unknown[][]; truncated: boolean; columns: unknown[] };
    expect(answer.rows).toHaveLength(10);
    expect(answer.truncated).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('4111');
    const cli = await runCli(['query', sql, '--limit', '10', '--format', 'json', '--data-dir', lake.dataDir]);
    expect(cli.rows).toEqual(answer.rows);
    expect(cli.columns).toEqual(answer.columns);
  });

  it('refuses every hostile query with 400 and the reason, reading nothing, and stays up', async () => {
    const before = executions.count;
    for (const [name, sql] of HOSTILE_SQL) {
      const response = await post({ sql });
      const body = (await response.json()) as { error: { code: string; message: string } };
      if (Buffer.byteLength(JSON.stringify({ sql })) > 64 * 1024) {
        expect(response.status, name).toBe(413);
      } else {
        expect(response.status, name).toBe(400);
        expect(['sql_refused', 'sql_invalid'], name).toContain(body.error.code);
      }
      expect(body.error.message.length, name).toBeGreaterThan(10);
    }
    expect(executions.count).toBe(before);
    expect((await call('/healthz')).status).toBe(200);
  });

  it('stops a slow query with 408 and keeps serving', async () => {
    const response = await post({ sql: 'select count(*) from range(1e12::BIGINT)' });
    expect(response.status).toBe(408);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('sql_timeout');
    expect((await post({ sql: 'select 42 as answer' })).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"sql": "select 1"', 400, 'invalid_argument'],
    ['an empty body', '', 400, 'invalid_argument'],
    ['a JSON array', '["select 1"]', 400, 'invalid_argument'],
    ['sql that is not a string', '{"sql": 1}', 400, 'invalid_argument'],
    ['a limit that is not a number', '{"sql": "select 1", "limit": "all"}', 400, 'invalid_argument'],
    ['a limit too large', '{"sql": "select 1", "limit": 1000000}', 400, 'invalid_argument'],
  ])('answers %s with a JSON error', async (_name, body, status, code) => {
    const response = await call('/api/query', { method: 'POST', body });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('refuses a huge body with 413, declared or streamed', async () => {
    const declared = await call('/api/query', {
      method: 'POST',
      body: `{"sql": "${'x'.repeat(1024 * 1024)}"}`,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const streamed = await chunkedPost(api.url, 'x'.repeat(16 * 1024), 8);
    expect(streamed.status).toBe(413);
    expect((await call('/healthz')).status).toBe(200);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const missing = await call('/api/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrong = await call('/api/query');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const raw = await rawRequest(
      api.address.port,
      'GET //x:notaport HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 404/);
  });

  it('answers HEAD like GET, without a body', async () => {
    const get = await call('/healthz');
    const head = await call('/healthz', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect((await call('/api/query', { method: 'HEAD' })).status).toBe(405);
  });

  it('requires the bearer token from clients that are not on loopback', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.7' };
    expect((await call('/healthz', { headers: proxied })).status).toBe(401);
    const denied = await post({ sql: 'select 1' }, proxied);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await post({ sql: 'select 1' }, { ...proxied, authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post({ sql: 'select 1' }, { ...proxied, authorization: `Bearer ${TOKEN}` })).status).toBe(
      200,
    );

    const strict = await start(deps(), { trustLoopback: false });
    try {
      expect((await call('/readyz', {}, strict)).status).toBe(401);
      expect((await call('/readyz', { headers: { authorization: `Bearer ${TOKEN}` } }, strict)).status).toBe(
        200,
      );
    } finally {
      await strict.close();
    }
    const tokenless = await start(deps({ apiToken: undefined }), { trustLoopback: false });
    try {
      const body = await (
        await call('/healthz', { headers: { authorization: 'Bearer anything' } }, tokenless)
      ).json();
      expect(body).toMatchObject({
        error: { code: 'unauthorized', message: expect.stringContaining('SHOPLAKE_API_TOKEN') },
      });
    } finally {
      await tokenless.close();
    }
  });

  it('tells loopback addresses from others', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '128.0.0.1', 'localhost', '', undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it('answers an unexpected failure with 500 and no internals', async () => {
    const broken = await start(
      deps({ sql: wrapSql(lake.sql, { fail: new Error(`boom in /srv/secret ${SECRET_PAN}`) }) }),
    );
    try {
      const response = await post({ sql: 'select 1' }, {}, broken);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error' } });
      expect(text).not.toMatch(/boom|secret|4111|at .*\.ts/);
    } finally {
      await broken.close();
    }
  });

  it('is not ready, and says so, while it has no catalog', async () => {
    const failingStore = Object.create(lake.store, {
      list: {
        value: () => {
          throw new Error('bucket offline');
        },
      },
      head: { value: async () => undefined },
    });
    const blind = await start(deps({ store: failingStore, catalog: new ObjectStoreCatalog(failingStore) }));
    try {
      expect((await call('/healthz', {}, blind)).status).toBe(200);
      const ready = await call('/readyz', {}, blind);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { code: 'not_ready' } });
      expect((await post({ sql: 'select 1' }, {}, blind)).status).toBe(503);
    } finally {
      await blind.close();
    }
    // With the lake's registered catalog to fall back on, a failed crawl still leaves it ready.
    const fallback = await start(deps({ store: failingStore }));
    try {
      expect((await call('/readyz', {}, fallback)).status).toBe(200);
    } finally {
      await fallback.close();
    }
  });

  it('finishes in-flight queries on shutdown, then refuses connections and closes its engine', async () => {
    let closed = false;
    const slow = wrapSql(lake.sql, {
      delayMs: 400,
      onClose: () => {
        closed = true;
      },
    });
    const server = await start(deps({ sql: slow }));
    const url = server.url;
    const inFlight = post({ sql: 'select count(*) as n from curated.orders' }, {}, server);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: unknown[][] }).rows).toEqual([['40']]);
    await stopping;
    expect(closed).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

const executions = { count: 0 };

/** The real engine, counting executions, with failure and delay knobs. */
function wrapSql(
  inner: SqlEngine,
  knobs: { fail?: Error; delayMs?: number; onClose?: () => void },
): SqlEngine {
  return {
    parse: (text) => inner.parse(text),
    execute: async (...args) => {
      executions.count += 1;
      if (knobs.fail) throw knobs.fail;
      if (knobs.delayMs) await new Promise((resolve) => setTimeout(resolve, knobs.delayMs));
      return inner.execute(...args);
    },
    ping: () => inner.ping(),
    close: async () => knobs.onClose?.(),
  };
}

/** Runs a CLI command in this process and parses its JSON output. */
async function runCli(args: string[]): Promise<{ rows: unknown[][]; columns: unknown[] }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await queryCommand().parseAsync(args.slice(1), { from: 'user' });
  } finally {
    write.mockRestore();
  }
  expect(process.exitCode).toBe(0);
  return JSON.parse(out) as { rows: unknown[][]; columns: unknown[] };
}

/** A POST without content-length, sent in chunks, as a client streaming a huge body would. */
function chunkedPost(base: string, chunk: string, times: number): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}/api/query`,
      { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      },
    );
    req.on('error', reject);
    for (let i = 0; i < times; i++) req.write(chunk);
    req.end();
  });
}

/** Sends bytes as they are, for request targets no HTTP client would send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    socket.on('data', (chunk) => {
      out += String(chunk);
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}
