import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/adapters/duckdb/duckdb-engine.js';
import { LocalObjectStore } from '../../../src/adapters/local-fs/local-object-store.js';
import { SOURCE_TABLE_NAMES } from '../../../src/core/source-tables.js';
import { RAW } from '../../../src/core/zones.js';
import {
  type GenerateDemoWorldResult,
  generateDemoWorld,
} from '../../../src/stages/generate/generate-demo-world.js';
import { generateWorld } from '../../../src/stages/generate/generate-world.js';
import type { GroundTruth } from '../../../src/stages/generate/ground-truth.js';
import { rawKeyOf } from '../../../src/stages/generate/write-world-to-raw.js';

const OPTIONS = { orders: 1500, seed: 5 } as const;

let dataDir: string;
let store: LocalObjectStore;
let engine: DuckDbEngine;
let result: GenerateDemoWorldResult;
const progress: number[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shoplake-generate-'));
  store = new LocalObjectStore({ dataDir, bucketPrefix: 'test' });
  engine = await DuckDbEngine.create({ spillDir: join(dataDir, '.spill'), memoryLimit: '512MB', threads: 2 });
  result = await generateDemoWorld({
    dataDir,
    store,
    engine,
    ...OPTIONS,
    onProgress: (p) => progress.push(p.fraction),
  });
});

afterAll(async () => {
  await engine?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function typesOf(key: string): Promise<Record<string, string>> {
  const rows = await engine.query(`DESCRIBE SELECT * FROM read_parquet('${store.pathOf(RAW, key)}')`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]));
}

describe('generateDemoWorld', () => {
  it('writes one Parquet object per batch at <table>/dt=<dt>/<batchId>.parquet', async () => {
    const batches = [...generateWorld(OPTIONS)];
    const keys: string[] = [];
    for await (const info of store.list(RAW)) keys.push(info.key);
    expect(keys.sort()).toEqual(batches.map(rawKeyOf).sort());
    expect(result.batches).toBe(batches.length);
    expect(result.rows).toBe(batches.reduce((n, b) => n + b.rows.length, 0));
    expect(progress.at(-1)).toBe(1);
    for (const batch of batches.filter((_, i) => i % 7 === 0)) {
      const [count] = await engine.query(
        `SELECT count(*)::INTEGER AS n FROM read_parquet('${store.pathOf(RAW, rawKeyOf(batch))}')`,
      );
      expect(count?.n, batch.batchId).toBe(batch.rows.length);
    }
    expect(await readdir(join(dataDir, '.tmp'))).toEqual([]);
  });

  it('types the columns as the batch says, with drifted columns as text', async () => {
    const batches = [...generateWorld(OPTIONS)];
    const plain = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0000-orders`)!;
    expect(await typesOf(rawKeyOf(plain))).toMatchObject({
      order_id: 'BIGINT',
      order_ts: 'TIMESTAMP',
      subtotal_amount: 'DECIMAL(12,2)',
      status: 'VARCHAR',
      updated_at: 'TIMESTAMP',
    });
    const items = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0000-order_items`)!;
    expect(await typesOf(rawKeyOf(items))).toMatchObject({
      quantity: 'INTEGER',
      unit_price: 'DECIMAL(12,2)',
    });
    const products = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0000-products`)!;
    expect(await typesOf(rawKeyOf(products))).toMatchObject({
      is_active: 'BOOLEAN',
      created_at: 'TIMESTAMP',
    });
    const customers = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0000-customers`)!;
    expect(await typesOf(rawKeyOf(customers))).toMatchObject({ date_of_birth: 'DATE' });
    const drifted = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0001-orders`)!;
    expect(await typesOf(rawKeyOf(drifted))).toMatchObject({
      order_ts: 'VARCHAR',
      total_amount: 'VARCHAR',
      order_id: 'BIGINT',
    });
    const handMade = batches.find((b) => !b.mysqlLoadable && b.table === 'orders')!;
    expect((await typesOf(rawKeyOf(handMade))).order_id).toBe('VARCHAR');
    const extra = batches.find((b) => b.columns.some((c) => c.name === 'gift_message'))!;
    expect((await typesOf(rawKeyOf(extra))).gift_message).toBe('VARCHAR');
  });

  it('keeps values as they were: NULLs, padded text and exact amounts', async () => {
    const batches = [...generateWorld(OPTIONS)];
    const orders = batches.find((b) => b.batchId === `b${OPTIONS.seed}-0000-orders`)!;
    const rows = await engine.query(
      `SELECT order_id, status, total_amount::VARCHAR AS total, notes, strftime(order_ts, '%Y-%m-%d %H:%M:%S.%f') AS ts FROM read_parquet('${store.pathOf(RAW, rawKeyOf(orders))}') ORDER BY order_id`,
    );
    const at = (name: string): number => orders.columns.findIndex((c) => c.name === name);
    const expected = orders.rows
      .filter((r) => r[at('order_id')] !== null)
      .map((r) => ({
        order_id: String(r[at('order_id')]),
        status: r[at('status')],
        total: r[at('total_amount')],
        notes: r[at('notes')],
        ts: r[at('order_ts')],
      }));
    const actual = rows.map((r) => ({ ...r, order_id: String(r.order_id) }));
    expect(new Set(actual.map((r) => JSON.stringify(r)))).toEqual(
      new Set(expected.map((r) => JSON.stringify(r))),
    );
  });

  it('writes the ground truth and, for a small world, the expected keys', async () => {
    const truth = JSON.parse(await readFile(join(dataDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
    expect(truth).toEqual(JSON.parse(JSON.stringify(result.groundTruth)));
    expect(truth.endDate).toBe('2026-10-31');
    for (const table of SOURCE_TABLE_NAMES) {
      const lines = (await readFile(join(dataDir, 'ground-truth', `${table}.keys`), 'utf8'))
        .trim()
        .split('\n');
      expect(lines.length).toBe(truth.tables[table].expectedCuratedRows);
      expect(lines.map(Number)).toEqual([...lines.map(Number)].sort((a, b) => a - b));
    }
  });
});
