// curated-to-prod end to end on a small world: every system's tables land in its prod bucket
// as committed, readable Parquet; a failing system or a crashed write leaves everything else
// (and the previous version) intact, and says what happened.

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prodBucket, type SystemName } from '../../../src/core/zones.js';
import { readProdManifest } from '../../../src/stages/publish/prod-table-manifest.js';
import type { ProdSystem } from '../../../src/systems/prod-system.js';
import { PROD_SYSTEMS } from '../../../src/systems/system-registry.js';
import {
  curatedCommitEvent,
  lambdaContext,
  PART_ONE_SYSTEMS,
  type PublishedWorld,
  prodFiles,
  publishedWorld,
} from './published-world.js';

const systems = PROD_SYSTEMS.filter((s) => PART_ONE_SYSTEMS.includes(s.name));
let world: PublishedWorld;

beforeAll(async () => {
  world = await publishedWorld(1500, systems);
}, 240_000);

afterAll(async () => {
  await world.close();
});

async function committedRows(system: SystemName, table: string): Promise<number> {
  const files = await prodFiles(world.lake, system, table);
  const rows = await world.lake.engine.query(
    `SELECT count(*) AS n FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`,
  );
  return Number(rows[0]?.n);
}

describe('curated-to-prod', () => {
  it('runs from the pipeline on curated commits and publishes every table of every system', async () => {
    const runs = world.summary.invocations.filter((i) => i.route === 'curated-to-prod');
    expect(runs.length).toBeGreaterThan(0);
    for (const system of systems) {
      for (const table of system.tables) {
        const manifest = await readProdManifest(world.lake.store, system.name, table);
        expect(manifest, `${system.name}.${table}`).toBeDefined();
        expect(await committedRows(system.name, table)).toBe(manifest!.rows);
      }
    }
  });

  it('writes a run record into each system bucket', async () => {
    for (const system of systems) {
      const keys: string[] = [];
      for await (const o of world.lake.store.list(prodBucket(system.name), '_runs/')) keys.push(o.key);
      expect(keys.length, system.name).toBeGreaterThan(0);
      const last = JSON.parse(
        Buffer.from(await world.lake.store.get(prodBucket(system.name), keys.sort().at(-1)!)).toString(
          'utf8',
        ),
      );
      expect(last).toMatchObject({ system: system.name, status: 'published' });
      expect(last.tables.map((t: { table: string }) => t.table).sort()).toEqual([...system.tables].sort());
    }
  });

  it('writes Parquet that DuckDB reads with Hive partitions, one schema per table', async () => {
    for (const system of systems) {
      for (const table of system.tables) {
        const files = await prodFiles(world.lake, system.name, table);
        const schemas = new Set<string>();
        for (const file of files) {
          const columns = await world.lake.engine.query(
            `DESCRIBE SELECT * FROM read_parquet('${file}', hive_partitioning = false)`,
          );
          schemas.add(columns.map((c) => `${c.column_name} ${c.column_type}`).join(', '));
        }
        expect(schemas.size, `${system.name}.${table}`).toBe(1);
      }
    }
    const daily = await prodFiles(world.lake, 'market-intelligence-hub', 'daily_sales');
    expect(daily.every((f) => /\/daily_sales\/year=\d{4}\/part-v\d{6}-\d{4}\.parquet$/.test(f))).toBe(true);
    const years = await world.lake.engine.query(
      `SELECT DISTINCT year, typeof(year) AS t FROM read_parquet([${daily.map((f) => `'${f}'`).join(', ')}], hive_partitioning = true)`,
    );
    expect(years.length).toBeGreaterThan(1);
  });

  it('records a throwing system as failed, masked, and still publishes the others', async () => {
    const broken: ProdSystem = {
      name: 'compliance-guardian',
      tables: ['fraud_scores'],
      run: async () => {
        throw new Error('model blew up on card 4111 1111 1111 1111');
      },
    };
    const result = await world.handler({ systems: [broken, ...systems] })(
      curatedCommitEvent(),
      lambdaContext('r-broken'),
    );
    const failed = result.systems.find((s) => s.system === 'compliance-guardian')!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('model blew up');
    expect(failed.error).not.toMatch(/4111/);
    expect(failed.tables).toEqual([]);
    for (const name of PART_ONE_SYSTEMS)
      expect(result.systems.find((s) => s.system === name)?.status, name).toBe('published');
    expect(await readProdManifest(world.lake.store, 'compliance-guardian', 'fraud_scores')).toBeUndefined();
    const records: string[] = [];
    for await (const o of world.lake.store.list(prodBucket('compliance-guardian'), '_runs/'))
      records.push(o.key);
    const record = JSON.parse(
      Buffer.from(await world.lake.store.get(prodBucket('compliance-guardian'), records[0]!)).toString(
        'utf8',
      ),
    );
    expect(record).toMatchObject({ status: 'failed', runId: 'r-broken' });
    expect(JSON.stringify(record)).not.toMatch(/4111/);
  });

  it('keeps the previous version of a table whose write fails, and the tables before it', async () => {
    const before = await readProdManifest(world.lake.store, 'market-intelligence-hub', 'daily_sales');
    const hub = systems.find((s) => s.name === 'market-intelligence-hub')!;
    const half: ProdSystem = {
      ...hub,
      tables: ['sales_forecast', 'daily_sales'],
      run: async (context) => {
        await context.engine.run('CREATE TEMP TABLE good AS SELECT 1 AS a');
        return [
          { table: 'sales_forecast', relation: 'good' },
          { table: 'daily_sales', relation: 'no_such_table' },
        ];
      },
    };
    const result = await world.handler({ systems: [half] })(curatedCommitEvent(), lambdaContext('r-half'));
    expect(result.systems[0]).toMatchObject({ status: 'failed', failedTable: 'daily_sales' });
    expect(result.systems[0]!.tables.map((t) => t.table)).toEqual(['sales_forecast']);
    expect(await readProdManifest(world.lake.store, 'market-intelligence-hub', 'daily_sales')).toEqual(
      before,
    );
    expect(await committedRows('market-intelligence-hub', 'daily_sales')).toBe(before!.rows);
  });

  it('leaves the old version readable when a publish crashes before its commit, and cleans up on the next one', async () => {
    const system: SystemName = 'global-market-pulse';
    const before = await readProdManifest(world.lake.store, system, 'regional_performance');
    const stray = world.lake.store.pathOf(
      prodBucket(system),
      'regional_performance/part-v999999-0000.parquet',
    );
    await writeFile(stray, 'left by a crashed run');
    const crashing = world.handler({
      onStep: (name, table, step) => {
        if (name === system && table === 'regional_performance' && step === 'files-written')
          throw new Error('power cut');
      },
    });
    const crashed = await crashing(curatedCommitEvent(), lambdaContext('r-crash'));
    expect(crashed.systems.find((s) => s.system === system)).toMatchObject({
      status: 'failed',
      error: 'power cut',
    });
    expect(await readProdManifest(world.lake.store, system, 'regional_performance')).toEqual(before);
    expect(await committedRows(system, 'regional_performance')).toBe(before!.rows);

    const healed = await world.handler()(curatedCommitEvent(), lambdaContext('r-heal'));
    expect(healed.systems.every((s) => s.status === 'published')).toBe(true);
    const after = await readProdManifest(world.lake.store, system, 'regional_performance');
    expect(after!.version).toBeGreaterThan(before!.version);
    const folder = join(world.lake.dataDir, 'prod', system, 'regional_performance');
    expect((await readdir(folder)).map((f) => `regional_performance/${f}`).sort()).toEqual(
      [...after!.files].sort(),
    );
  });

  it('refuses events that are not curated table commits', async () => {
    const event = curatedCommitEvent();
    event.Records[0]!.s3.bucket.name = 'shoplake-raw';
    const result = await world.handler()(event, lambdaContext('r-wrong'));
    expect(result.systems).toEqual([]);
    expect(result.batchItemFailures).toMatchObject([
      { itemIdentifier: '_state/orders.json', code: 'invalid_argument', retryable: false },
    ]);
  });
});
