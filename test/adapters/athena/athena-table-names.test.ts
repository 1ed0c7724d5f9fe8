import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { athenaSql } from '../../../src/adapters/athena/athena-table-names.js';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { checkSelect } from '../../../src/stages/sql/check-select.js';
import { ACCEPTED_SQL } from '../../stages/sql/hostile-sql.js';
import { ATHENA_TEST_CATALOG } from './athena-test-catalog.js';

const parser = new DuckDbSqlEngine({
  spillDir: join(tmpdir(), 'athena-names-spill'),
  memoryLimit: '64MB',
  threads: 1,
});
afterAll(() => parser.close());

const TABLES = ATHENA_TEST_CATALOG.tables;

async function rewrite(sql: string): Promise<string> {
  const tree = await parser.parse(sql);
  const { tables } = checkSelect(tree, TABLES);
  return athenaSql(sql, tree, new Set(tables.map((t) => `${t.schema}.${t.name}`)), 'acme_lake');
}

/** Every `schema.table` reference left in the SQL, as DuckDB parses it. */
async function qualifiedRefs(sql: string): Promise<string[]> {
  const refs: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const node = value as Record<string, unknown>;
      if (node.type === 'BASE_TABLE' && node.schema_name) refs.push(`${node.schema_name}.${node.table_name}`);
      Object.values(node).forEach(walk);
    }
  };
  walk(await parser.parse(sql));
  return refs;
}

describe('athenaSql', () => {
  it('maps schema.table to the Glue database and table, leaving the rest of the text as written', async () => {
    expect(await rewrite("SELECT count(*) FROM curated.orders WHERE status = 'paid'")).toBe(
      'SELECT count(*) FROM "acme_lake"."curated__orders" WHERE status = \'paid\'',
    );
  });

  it('handles quoted names, blanks and comments inside the reference, and upper case', async () => {
    expect(await rewrite('select 1 from "curated" /* here */ . \n "orders" o, CURATED.CUSTOMERS')).toBe(
      'select 1 from "acme_lake"."curated__orders" o, "acme_lake"."curated__customers"',
    );
  });

  it('never touches names in strings, comments or CTEs', async () => {
    const sql = "with orders as (select 'curated.orders' as t) -- curated.orders\nselect t from orders";
    expect(await rewrite(sql)).toBe(sql);
  });

  it('counts positions in bytes, so text before the reference may be any UTF-8', async () => {
    expect(
      await rewrite("select 'Zürich – 東京 🛒' as city, revenue from market_intelligence_hub.daily_sales"),
    ).toBe(
      `select 'Zürich – 東京 🛒' as city, revenue from "acme_lake"."market_intelligence_hub__daily_sales"`,
    );
  });

  it('rewrites a column qualified with its table', async () => {
    expect(await rewrite('select curated.orders.status from curated.orders')).toBe(
      'select "curated__orders".status from "acme_lake"."curated__orders"',
    );
  });

  it.each(ACCEPTED_SQL.filter((sql) => !sql.includes('global_market_pulse')))(
    'leaves no lake name behind in %s',
    async (sql) => {
      const out = await rewrite(sql);
      for (const ref of await qualifiedRefs(out)) expect(ref).toMatch(/^acme_lake\.[a-z_]+__[a-z_]+$/);
    },
  );
});
