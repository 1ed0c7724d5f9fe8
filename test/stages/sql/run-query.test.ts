import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { CURATED } from '../../../src/core/zones.js';
import type { CatalogSnapshot } from '../../../src/ports/catalog.js';
import type { SqlEngine } from '../../../src/ports/sql-engine.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { QueryResultCache } from '../../../src/stages/sql/query-result-cache.js';
import { type CachedAnswer, type RunQueryOptions, runQuery } from '../../../src/stages/sql/run-query.js';
import { createSqlTestLake, SECRET_PAN, type SqlTestLake } from '../catalog/sql-test-lake.js';
import { HOSTILE_SQL } from './hostile-sql.js';

describe('runQuery', () => {
  let lake: SqlTestLake;
  let catalog: CatalogSnapshot;
  beforeAll(async () => {
    lake = await createSqlTestLake();
    catalog = (await crawlCatalog(lake)).snapshot;
  });
  afterAll(() => lake.close());
  const query = (sql: string, extra: Partial<RunQueryOptions> = {}) =>
    runQuery(sql, { sql: lake.sql, store: lake.store, catalog, ...extra });

  it('answers a SELECT with typed columns and JSON-safe rows', async () => {
    const answer = await query(
      'select status, count(*) as n, sum(total_amount) as revenue, min(order_ts) as first from curated.orders group by 1 order by 1',
    );
    expect(answer.columns).toEqual([
      { name: 'status', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
      { name: 'revenue', type: 'DECIMAL(38,2)' },
      { name: 'first', type: 'TIMESTAMP' },
    ]);
    expect(answer.rows).toEqual([
      ['delivered', '27', '683.75', '2026-01-01 01:00:00'],
      ['paid', '13', '341.25', '2026-01-01 03:00:00'],
    ]);
    expect(answer).toMatchObject({ rowCount: 2, truncated: false, tables: ['curated.orders'] });
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('joins curated and prod tables and exposes Hive partition columns', async () => {
    const answer = await query(
      `select s.year, count(*) as days, (select count(*) from curated.customers) as customers
       from market_intelligence_hub.daily_sales s group by 1`,
    );
    expect(answer.rows).toEqual([['2026', '5', '7']]);
    const regional = await query(
      'select region, sum(revenue) from global_market_pulse.regional_performance group by 1',
    );
    expect(regional.rows).toEqual([['EU', 150]]);
  });

  it('cuts the answer at the limit and says so', async () => {
    const answer = await query('select order_id from curated.orders order by order_id', { limit: 5 });
    expect(answer.rows).toEqual([['1'], ['2'], ['3'], ['4'], ['5']]);
    expect(answer).toMatchObject({ rowCount: 5, truncated: true, limit: 5 });
    expect((await query('select order_id from curated.orders', { limit: 40 })).truncated).toBe(false);
    await expect(query('select 1', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('stops a slow query at the time limit', async () => {
    const started = Date.now();
    await expect(query('select count(*) from range(1e12::BIGINT)', { timeoutMs: 300 })).rejects.toMatchObject(
      {
        code: 'sql_timeout',
      },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('masks card numbers in string values as a last line of defence', async () => {
    const answer = await query(
      `select notes, '${SECRET_PAN}' as literal from curated.orders where order_id = 1`,
    );
    expect(JSON.stringify(answer)).not.toContain('4111');
    expect(answer.rows[0]?.[0]).toBe('call me, card [card ****1111]');
  });

  it('reports an engine error as sql_failed without echoing the SQL', async () => {
    const error = await query('select no_such_column from curated.orders').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sql_failed' });
    expect((error as Error).message).toContain('no_such_column');
    expect((error as Error).message).not.toContain('LINE 1');
  });

  it('executes nothing and opens no file for hostile SQL', async () => {
    let executions = 0;
    const spy: SqlEngine = {
      parse: (text) => lake.sql.parse(text),
      execute: (...args) => {
        executions += 1;
        return lake.sql.execute(...args);
      },
      ping: () => lake.sql.ping(),
      close: async () => {},
    };
    for (const [name, text] of HOSTILE_SQL) {
      const error = await query(text, { sql: spy }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ShoplakeError);
    }
    expect(executions).toBe(0);
  });

  describe('the sandbox, even without the guard', () => {
    const orders = () => catalog.tables.find((t) => t.name === 'orders')!;
    const sources = () => [
      {
        schema: 'curated',
        name: 'orders',
        paths: [lake.store.pathOf(CURATED, orders().files[0]!.key)],
        hivePartitioning: false,
        columns: [],
      },
    ];
    const run = (sql: string) => lake.sql.execute(sql, sources(), { maxRows: 10, timeoutMs: 5_000 });

    it('reads its own views', async () => {
      expect((await run('select count(*) from curated.orders')).rows).toEqual([['40']]);
    });

    it.each([
      [
        'the quarantine',
        (l: SqlTestLake) =>
          `select * from read_parquet('${l.store.pathOf(CURATED, '_quarantine/orders/part-v000001-0000.parquet')}')`,
      ],
      ['a system file', () => "select * from read_csv('/etc/passwd')"],
      ['a file write', () => "copy (select 1) to '/tmp/shoplake-sandbox-escape.csv'"],
      ['a settings change', () => 'SET enable_external_access = true'],
      ['an extension install', () => 'INSTALL httpfs'],
      ['two statements', () => 'select 1; select 2'],
      ['the environment', () => "select getenv('HOME')"],
      ['replacing a view', () => 'create or replace view curated.orders as select 1 as order_id'],
      ['attaching a database', () => "attach ':memory:' as curated"],
    ])('refuses %s', async (_name, sql) => {
      await expect(run(sql(lake))).rejects.toMatchObject({ code: 'sql_failed' });
    });

    it('keeps nothing a query leaves behind for the next one on the same tables', async () => {
      await run("create temp view leftover as select 'x' as secret");
      await expect(run('select * from leftover')).rejects.toMatchObject({ code: 'sql_failed' });
      expect((await run('select count(*) from curated.orders')).rows).toEqual([['40']]);
    });
  });

  describe('metadata queries (the Postgres endpoint)', () => {
    it('answers information_schema with exactly the catalog tables, reading no file', async () => {
      const answer = await query(
        "select table_schema || '.' || table_name from information_schema.tables where table_schema <> 'information_schema' order by 1",
        { metadata: true },
      );
      expect(answer.rows.map((r) => r[0])).toEqual(catalog.tables.map((t) => `${t.schema}.${t.name}`).sort());
      expect(answer.tables).toEqual(['information_schema.tables']);
    });

    it('refuses metadata without the option, and a query mixing metadata and lake tables', async () => {
      await expect(query('select * from information_schema.tables')).rejects.toMatchObject({
        code: 'sql_refused',
      });
      await expect(
        query('select * from information_schema.columns, curated.orders', { metadata: true }),
      ).rejects.toMatchObject({ code: 'sql_refused', message: expect.stringContaining('not both') });
      await expect(query('select * from pg_catalog.pg_settings', { metadata: true })).rejects.toMatchObject({
        code: 'sql_refused',
      });
    });
  });

  describe('with a result cache', () => {
    it('answers a repeated query from the cache, without the engine or the gate', async () => {
      const cache = new QueryResultCache<CachedAnswer>();
      let scheduled = 0;
      const schedule = <T>(work: () => Promise<T>) => {
        scheduled += 1;
        return work();
      };
      const text = 'select status, count(*) from curated.orders group by 1 order by 1';
      const first = await query(text, { cache, schedule });
      const second = await query(text, { cache, schedule });
      expect([first.cached, second.cached, scheduled]).toEqual([false, true, 1]);
      expect(second.rows).toEqual(first.rows);
      expect((await query(text, { cache, limit: 1 })).cached).toBe(false);
      expect((await query('select now()', { cache })).cached).toBe(false);
      expect((await query('select now()', { cache })).cached).toBe(false);
    });

    it('forgets an answer once the table has new files', async () => {
      const cache = new QueryResultCache<CachedAnswer>();
      const text = 'select count(*) from curated.customers';
      expect((await query(text, { cache })).cached).toBe(false);
      const customers = catalog.tables.find((t) => t.name === 'customers')!;
      const recommitted = {
        ...catalog,
        tables: catalog.tables.map((t) =>
          t === customers ? { ...t, files: t.files.map((f) => ({ ...f, etag: `${f.etag}-new` })) } : t,
        ),
      };
      const answer = await runQuery(text, { sql: lake.sql, store: lake.store, catalog: recommitted, cache });
      expect(answer.cached).toBe(false);
    });
  });
});
