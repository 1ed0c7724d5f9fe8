import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_PAN } from '../../stages/catalog/sql-test-lake.js';
import { HOSTILE_SQL } from '../../stages/sql/hostile-sql.js';
import { type PgTestServer, pgClient, psql, startPgTestServer, TOKEN } from './pg-test-server.js';

/** Hostile entries psql cannot send (a NUL in an argument, or more than an argument may hold). */
const NOT_FOR_PSQL = new Set(['NUL byte', '1 MB of SQL']);
/** Read from the catalog's shape over the wire (information_schema, pg_catalog): see pg-server.ts. */
const METADATA_ENTRIES = new Set(['information_schema', 'pg_catalog']);

describe('the Postgres wire endpoint', () => {
  let server: PgTestServer;
  let port: number;

  beforeAll(async () => {
    server = await startPgTestServer();
    port = server.pg.address.port;
  });
  afterAll(() => server?.close());

  const apiRows = async (sql: string) => {
    const response = await fetch(`${server.api.url}/api/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql, limit: 10_000 }),
    });
    expect(response.status, sql).toBe(200);
    return ((await response.json()) as { rows: unknown[][] }).rows;
  };

  it('gives psql the same rows as /api/query', async () => {
    for (const sql of [
      'select order_id, customer_id, status, total_amount, order_ts from curated.orders order by order_id',
      'select status, count(*) as n, sum(total_amount) as revenue from curated.orders group by 1 order by 1',
      'select date, category, revenue, year from market_intelligence_hub.daily_sales order by date',
      'select o.order_id, c.country from curated.orders o join curated.customers c using (customer_id) order by 1 limit 5',
    ]) {
      const viaPsql = await psql(port, sql);
      expect(viaPsql.stderr, sql).toBe('');
      expect(viaPsql.code, sql).toBe(0);
      const viaApi = (await apiRows(sql)).map((row) => row.map(plainText));
      expect(viaPsql.rows, sql).toEqual(viaApi);
    }
  });

  it('carries bigint, decimal, double, timestamp, date, unicode text, bool and NULL exactly', async () => {
    const sql =
      'select big, amount, ratio, "at", "day", label, flag from retail_copilot.wire_types order by id';
    const viaPsql = await psql(port, sql);
    expect(viaPsql.rows).toEqual([
      ['1', '12.34', '0.5', '2026-01-02 03:04:05.123456', '2026-01-02', 'grüße 😀 ✓', 't'],
      ['9007199254740993', '-0.01', '1e+20', '1999-12-31 23:59:59', '1970-01-01', 'plain', 'f'],
      ['NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'],
    ]);
    expect(await apiRows(sql)).toEqual([
      ['1', '12.34', 0.5, '2026-01-02 03:04:05.123456', '2026-01-02', 'grüße 😀 ✓', true],
      ['9007199254740993', '-0.01', 1e20, '1999-12-31 23:59:59', '1970-01-01', 'plain', false],
      [null, null, null, null, null, null, null],
    ]);
    const client = await pgClient(port);
    try {
      const result = await client.query(sql);
      // int8, numeric, float8, timestamp, date, text, bool: Postgres' own type OIDs.
      expect(result.fields.map((f) => f.dataTypeID)).toEqual([20, 1700, 701, 1114, 1082, 25, 16]);
      expect(result.rows[0]).toMatchObject({
        big: '1',
        amount: '12.34',
        ratio: 0.5,
        label: 'grüße 😀 ✓',
        flag: true,
      });
      expect(result.rows[1]).toMatchObject({ big: '9007199254740993', ratio: 1e20 });
    } finally {
      await client.end();
    }
    // The same rows in binary format, decoded by node-postgres' own binary parsers (it reads
    // `binary` though its types do not list it).
    const binaryConfig: pg.ClientConfig & { binary: boolean } = {
      host: '127.0.0.1',
      port,
      user: 'shoplake',
      database: 'lake',
      binary: true,
    };
    const binary = new pg.Client(binaryConfig);
    await binary.connect();
    try {
      const result = await binary.query(sql);
      expect(result.rows).toEqual([
        {
          big: '1',
          amount: '12.34',
          ratio: 0.5,
          at: new Date('2026-01-02T03:04:05.123Z'),
          day: new Date('2026-01-02T00:00:00.000Z'),
          label: 'grüße 😀 ✓',
          flag: true,
        },
        {
          big: '9007199254740993',
          amount: '-0.01',
          ratio: 1e20,
          at: new Date('1999-12-31T23:59:59.000Z'),
          day: new Date('1970-01-01T00:00:00.000Z'),
          label: 'plain',
          flag: false,
        },
        { big: null, amount: null, ratio: null, at: null, day: null, label: null, flag: null },
      ]);
    } finally {
      await binary.end();
    }
  });

  it('masks a card number planted in a table', async () => {
    const viaPsql = await psql(
      port,
      `select notes, '${SECRET_PAN}' as typed from curated.orders where order_id = 1`,
    );
    expect(viaPsql.rows).toEqual([['call me, card [card ****1111]', '[card ****1111]']]);
    expect(viaPsql.stdout).not.toContain('4111');
  });

  it('refuses every hostile query over the wire, reading nothing, and keeps serving', async () => {
    const before = server.executions.length;
    const viaPsql = HOSTILE_SQL.filter(([name]) => !NOT_FOR_PSQL.has(name));
    const results = await inBatches(viaPsql, 6, ([, sql]) => psql(port, sql));
    for (const [i, [name, sql]] of viaPsql.entries()) {
      const result = results[i]!;
      if (METADATA_ENTRIES.has(name)) {
        // Answered from empty tables shaped like the catalog: DuckDB's own catalog stays out of reach.
        expect(result.code, name).toBe(0);
        continue;
      }
      if (sql.trim() === '') {
        // An empty query is not an error in Postgres (EmptyQueryResponse): nothing runs.
        expect([result.code, result.stdout], name).toEqual([0, '']);
        continue;
      }
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(/^ERROR: {2}\S.{10,}/m);
      expect(result.stdout, name).toBe('');
    }
    const client = await pgClient(port);
    try {
      const nul = HOSTILE_SQL.find(([name]) => name === 'NUL byte')?.[1] ?? '';
      await expect(client.query(nul)).rejects.toMatchObject({ code: '08P01' });
      const huge = HOSTILE_SQL.find(([name]) => name === '1 MB of SQL')?.[1] ?? '';
      await expect(client.query(huge)).rejects.toMatchObject({ code: '54000' });
      await expect(client.query(`select 1 ${'-- padding\n'.repeat(7_000)}`)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('bytes, more than'),
      });
      // Only the two metadata queries ran, each over empty tables: no file was opened.
      const ran = server.executions.slice(before);
      expect(ran.length).toBeLessThanOrEqual(2);
      expect(ran.flat().every((table) => table.paths.length === 0)).toBe(true);
      expect((await client.query('select 42 as answer')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await client.end();
    }
    expect((await psql(port, 'select count(*) from curated.orders')).rows).toEqual([['40']]);
  });

  it('answers information_schema from the catalog and nothing else', async () => {
    const tables = await psql(
      port,
      "select table_catalog, table_schema, table_name, table_type from information_schema.tables where table_schema <> 'information_schema' order by 2, 3",
    );
    expect(tables.rows).toEqual([
      ['lake', 'curated', 'customers', 'BASE TABLE'],
      ['lake', 'curated', 'orders', 'BASE TABLE'],
      ['lake', 'global_market_pulse', 'regional_performance', 'BASE TABLE'],
      ['lake', 'market_intelligence_hub', 'daily_sales', 'BASE TABLE'],
      ['lake', 'retail_copilot', 'wire_types', 'BASE TABLE'],
    ]);
    const columns = await psql(
      port,
      "select column_name, data_type from information_schema.columns where table_schema = 'curated' and table_name = 'orders' order by ordinal_position",
    );
    expect(columns.rows.map((r) => r[0])).toEqual([
      'order_id',
      'customer_id',
      'status',
      'total_amount',
      'order_ts',
      'notes',
    ]);
    const mixed = await psql(port, 'select * from information_schema.tables, curated.orders');
    expect(mixed.stderr).toContain('either the lake tables or the metadata');
  });

  it('answers session housekeeping without running anything', async () => {
    const before = server.executions.length;
    expect((await psql(port, 'select version()')).rows[0]?.[0]).toMatch(/^PostgreSQL 16\.0 \(shoplake/);
    expect((await psql(port, 'show server_version')).rows).toEqual([['16.0']]);
    expect((await psql(port, "SET application_name = 'bi-tool'")).stdout).toBe('SET\n');
    expect((await psql(port, 'show TimeZone')).rows).toEqual([['UTC']]);
    expect((await psql(port, 'select current_database()')).rows).toEqual([['lake']]);
    const refused = await psql(port, 'SET TimeZone = "Europe/Berlin"');
    expect(refused.stderr).toContain('the lake keeps and answers timestamps in UTC');
    const unknown = await psql(port, 'SET threads = 64');
    expect(unknown.stderr).toContain('Unrecognized configuration parameter "threads"');
    const client = await pgClient(port);
    try {
      await client.query(`SET application_name = 'card ${SECRET_PAN}'`);
      expect((await client.query('show application_name')).rows).toEqual([
        { application_name: 'card [card ****1111]' },
      ]);
      await client.query('BEGIN');
      await expect(client.query('select nope')).rejects.toMatchObject({ code: '42703' });
      await expect(client.query('select 1')).rejects.toMatchObject({
        message: expect.stringContaining('aborted'),
      });
      await client.query('ROLLBACK');
      expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await client.end();
    }
    // Only the two queries ran ('select nope' fails in the engine's binder); everything else was housekeeping.
    expect(server.executions.length).toBe(before + 2);
  });

  it('serves prepared statements with parameters over the extended protocol', async () => {
    const client = await pgClient(port);
    try {
      const byId =
        'select order_id, status, total_amount from curated.orders where order_id = $1 or status = $2';
      const first = await client.query({ name: 'by-id', text: byId, values: [3, "it's"] });
      expect(first.rows).toEqual([{ order_id: '3', status: 'paid', total_amount: '3.75' }]);
      const again = await client.query({ name: 'by-id', text: byId, values: [4, 'nothing'] });
      expect(again.rows).toEqual([{ order_id: '4', status: 'delivered', total_amount: '5.00' }]);
      const typed = await client.query('select $1::int + 1 as next, $2 as text, $3::date as day', [
        41,
        "O'Brien; drop table x --",
        '2026-01-02',
      ]);
      expect(typed.rows[0]).toMatchObject({ next: 42, text: "O'Brien; drop table x --" });
      // A parameter is only ever a value: it cannot become SQL.
      await expect(client.query('select * from read_csv($1)', ['/etc/passwd'])).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query('select no_such_column from curated.orders')).rejects.toMatchObject({
        code: '42703',
      });
      expect((await client.query('select count(*)::int as n from curated.orders')).rows).toEqual([{ n: 40 }]);
    } finally {
      await client.end();
    }
  });

  it('stops a query at statement_timeout and on a cancel request, keeping the connection', async () => {
    const client = await pgClient(port);
    try {
      await client.query('SET statement_timeout = 200');
      const slow = 'select count(*) from range(1e12::BIGINT)';
      await expect(client.query(slow)).rejects.toMatchObject({ code: '57014' });
      await client.query('RESET statement_timeout');
      expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await client.end();
    }
    const started = Date.now();
    const canceled = await psql(port, 'select count(*) from range(1e12::BIGINT)', { signalAfterMs: 500 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(canceled.stderr).toContain('canceled by the client');
  });

  it('asks remote clients for the API token as password and refuses a wrong one', async () => {
    const strict = await server.startPg({ trustLoopback: false }, TOKEN);
    const strictPort = strict.address.port;
    try {
      const wrong = await psql(strictPort, 'select 1', { password: 'not-the-token' });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('password authentication failed for user "shoplake"');
      const right = await psql(strictPort, 'select 1 as one', { password: TOKEN });
      expect([right.code, right.rows]).toEqual([0, [['1']]]);
      const client = await pgClient(strictPort, TOKEN);
      expect((await client.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
      await client.end();
    } finally {
      await strict.close();
    }
    const tokenless = await server.startPg({ trustLoopback: false });
    try {
      const refused = await psql(tokenless.address.port, 'select 1', { password: 'anything' });
      expect(refused.stderr).toContain('only accepts connections from this machine');
    } finally {
      await tokenless.close();
    }
  });
});

// What psql prints for an /api/query value (no floats that need exponent notation here).
function plainText(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

// Runs `work` over `items`, `size` at a time (psql processes in parallel, not 60 in a row).
async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}
