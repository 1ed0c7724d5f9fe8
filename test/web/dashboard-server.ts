// The dashboard as a user meets it, for the browser tests: a generated lake taken through the
// whole pipeline (all five systems), the real API server with the default routes on it, the
// built bundle, and Chromium.

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DuckDbSqlEngine } from '../../src/adapters/duckdb/duckdb-sql-engine.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../../src/api/api-server.js';
import { defaultRoutes } from '../../src/api/routes/default-routes.js';
import { ensureWebBundle } from '../../src/api/web-bundle.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLocalEnvironment } from '../../src/runtime/local-environment.js';
import { localOperationsDeps } from '../../src/runtime/local-operations-deps.js';
import { ObjectStoreCatalog } from '../../src/stages/catalog/object-store-catalog.js';
import { PROD_SYSTEMS } from '../../src/systems/system-registry.js';
import { publishedWorld } from '../stages/publish/published-world.js';
import { launchChromium } from './dashboard-browser.js';

export interface DashboardServer {
  readonly api: ApiServer;
  readonly browser: Browser;
  /** Rows of a read-only query through the same API the dashboard uses. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Builds the bundle if needed, generates and publishes `orders` orders, starts server and browser. */
export async function startDashboardServer(orders = 2_000): Promise<DashboardServer> {
  const [bundle, world, browser] = await Promise.all([
    ensureWebBundle(),
    publishedWorld(orders, PROD_SYSTEMS),
    launchChromium(),
  ]);
  const env = createLocalEnvironment(loadConfig({ env: {}, overrides: { dataDir: world.lake.dataDir } }));
  const sql = new DuckDbSqlEngine({
    spillDir: join(world.lake.dataDir, '.tmp', 'sql'),
    memoryLimit: '512MB',
    threads: 2,
  });
  const api = await ApiServer.start(
    {
      store: world.lake.store,
      engines: world.lake.engines,
      catalog: new ObjectStoreCatalog(world.lake.store),
      sql,
      logger: createSilentLogger(),
      apiToken: undefined,
    },
    {
      port: 0,
      host: '127.0.0.1',
      catalogRefreshMs: 0,
      routes: defaultRoutes({ webDistDir: bundle.distDir, operations: localOperationsDeps(env) }),
    },
  );
  return {
    api,
    browser,
    async query(text) {
      const response = await fetch(`${api.url}/api/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sql: text }),
      });
      if (!response.ok) throw new Error(`${text}: ${response.status} ${await response.text()}`);
      const answer = (await response.json()) as { columns: { name: string }[]; rows: unknown[][] };
      return answer.rows.map((row) => Object.fromEntries(answer.columns.map((c, i) => [c.name, row[i]])));
    },
    async close() {
      await browser.close();
      await api.close();
      await world.close();
    },
  };
}
