// The HTTP API under load: an ApiServer in this process on an existing lake, and concurrent
// clients in a child process (so their work does not share the server's event loop) running
// dashboard-like queries for a while. Prints latency (p50/p95/p99), throughput and errors for
// POST /api/query with the result cache on (what a dashboard gets) and off (every request
// runs in the engine), then for POST /api/ask when the server offers it. Usage:
//   tsx bench/api-bench.ts --data-dir D [--clients 50] [--seconds 20] [--phases cache,no-cache,ask]
//     [--max-concurrent N]

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSilentLogger } from '../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../src/api/api-server.js';
import { createSqlServices } from '../src/api/sql-services.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLocalEnvironment } from '../src/runtime/local-environment.js';
import { crawlCatalog } from '../src/stages/catalog/crawl-catalog.js';

/** What the dashboard asks: aggregations over curated orders and every system's prod tables. */
const DASHBOARD_QUERIES: Readonly<Record<string, string>> = {
  'orders by status':
    'select status, count(*) as orders, sum(total_amount) as revenue from curated.orders group by 1 order by 2 desc',
  'monthly revenue': `select date_trunc('month', order_ts) as month, count(*) as orders, sum(total_amount) as revenue
     from curated.orders where status in ('paid', 'shipped', 'delivered') group by 1 order by 1`,
  'customers by country':
    'select country, count(*) as customers from curated.customers group by 1 order by 2 desc',
  'top products': `select p.category, p.name, sum(i.quantity * i.unit_price) as revenue
     from curated.order_items i join curated.products p using (product_id) group by 1, 2 order by 3 desc limit 10`,
  'category revenue, 90 days': `select category, sum(revenue) as revenue from market_intelligence_hub.daily_sales
     where date >= (select max(date) - 90 from market_intelligence_hub.daily_sales) group by 1 order by 2 desc`,
  forecast:
    'select series, date, forecast, lower_80, upper_80 from market_intelligence_hub.sales_forecast order by series, date',
  trends: `select dimension, key, growth_pct, direction from market_intelligence_hub.trends
     where is_significant order by abs(growth_pct) desc limit 20`,
  regions: `select region, country, sum(revenue) as revenue, sum(orders) as orders
     from global_market_pulse.regional_performance group by 1, 2 order by 3 desc limit 20`,
  segments:
    'select segment, customers, revenue, avg_clv, churn_rate from demand_insights_engine.segment_summary order by segment_order',
  'fraud alerts':
    'select severity, pattern, count(*) as alerts from compliance_guardian.fraud_alerts group by 1, 2 order by 3 desc',
  'demand gaps':
    'select query, searches, zero_result_rate, suggested_category from retail_copilot.demand_gaps order by searches desc limit 20',
};

/** What people ask the copilot (POST /api/ask) when the server suggests no questions itself. */
const ASK_QUESTIONS: readonly string[] = [
  'What was the revenue by month?',
  'Which categories sell best?',
  'How many orders were cancelled?',
  'Which regions grow fastest?',
  'Show the fraud alerts by severity',
];

interface Request {
  readonly name: string;
  readonly path: '/api/query' | '/api/ask';
  readonly body: Readonly<Record<string, string>>;
}

interface LoadResult {
  readonly latencies: Record<string, number[]>;
  readonly errors: Record<string, number>;
  readonly firstError?: string;
  readonly seconds: number;
}

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    phases: { type: 'string', default: 'cache,no-cache,ask' },
    // Engine queries at once (the server's default when absent).
    'max-concurrent': { type: 'string' },
    // Internal: the child process that plays the clients.
    load: { type: 'string' },
  },
});

if (values.load) {
  const { url, requests, clients, seconds } = JSON.parse(values.load) as {
    url: string;
    requests: Request[];
    clients: number;
    seconds: number;
  };
  process.stdout.write(`${JSON.stringify(await load(url, requests, clients, seconds))}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  if (!values['data-dir'])
    throw new Error('usage: tsx bench/api-bench.ts --data-dir D [--clients 50] [--seconds 20]');
  const dataDir = resolve(values['data-dir']);
  if (!existsSync(join(dataDir, 'curated', '_state', 'orders.json'))) {
    throw new Error(
      `no curated lake in ${dataDir}: run \`npm run bench -- --only curate\` (or \`shoplake run\`) first`,
    );
  }
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const phases = new Set(values.phases?.split(','));
  const config = loadConfig({ overrides: { dataDir } });
  const env = createLocalEnvironment(config);
  await publishIfMissing(dataDir, env);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

  for (const phase of ['cache', 'no-cache', 'ask'] as const) {
    if (!phases.has(phase)) continue;
    const services = createSqlServices(env);
    const api = await ApiServer.start(
      {
        ...services,
        queryCache: phase === 'no-cache' ? undefined : services.queryCache,
        logger: createSilentLogger(),
        apiToken: undefined,
      },
      {
        port: 0,
        host: '127.0.0.1',
        catalogRefreshMs: 0,
        maxConcurrentQueries: values['max-concurrent'] ? Number(values['max-concurrent']) : undefined,
      },
    );
    try {
      const requests = phase === 'ask' ? await askRequests(api.url) : queryRequests();
      const title =
        phase === 'ask'
          ? `POST /api/ask, ${clients} clients × ${seconds} s`
          : `POST /api/query, ${clients} clients × ${seconds} s, result cache ${phase === 'cache' ? 'on' : 'off'}`;
      process.stdout.write(`\n-- ${title}\n`);
      if (requests.length === 0) {
        process.stdout.write('skipped: this server does not offer POST /api/ask\n');
        continue;
      }
      // One untimed round first: sandboxes open and (with the cache) answers are kept.
      await runLoad(api.url, requests, Math.min(clients, requests.length), 1);
      const result = await runLoad(api.url, requests, clients, seconds);
      const all = Object.values(result.latencies).flat();
      const errors = Object.values(result.errors).reduce((n, e) => n + e, 0);
      process.stdout.write(
        `requests ${fmt(all.length + errors)} in ${result.seconds.toFixed(1)} s: ${fmt((all.length + errors) / result.seconds)} req/s, errors ${errors}${result.firstError ? ` (first: ${result.firstError})` : ''}\n`,
      );
      process.stdout.write(`latency ms: ${percentiles(all)}\n`);
      for (const [name, latencies] of Object.entries(result.latencies)) {
        process.stdout.write(`  ${name.padEnd(26)} ${percentiles(latencies)}\n`);
      }
      const stats = services.queryCache?.stats;
      if (phase === 'cache' && stats) {
        process.stdout.write(
          `cache: ${fmt(stats.hits)} hits, ${fmt(stats.misses)} misses, ${stats.entries} answers kept\n`,
        );
      }
    } finally {
      await api.close();
    }
  }
}

function queryRequests(): Request[] {
  return Object.entries(DASHBOARD_QUERIES).map(([name, sql]) => ({
    name,
    path: '/api/query',
    body: { sql },
  }));
}

// The ask phase runs only against a server that answers POST /api/ask, with the questions it
// suggests (GET /api/ask/suggestions) when it has them. Questions are logged to the lake
// (curated `_copilot_log/`) as in production; the next curate run of `npm run bench` clears it.
async function askRequests(url: string): Promise<Request[]> {
  const probe = await fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: ASK_QUESTIONS[0] }),
  });
  await probe.arrayBuffer();
  if (probe.status === 404 || probe.status === 405) return [];
  const offered = await fetch(`${url}/api/ask/suggestions`)
    .then(async (r) => (r.ok ? ((await r.json()) as { suggestions?: string[] }).suggestions : undefined))
    .catch(() => undefined);
  const questions = offered && offered.length > 0 ? offered : ASK_QUESTIONS;
  return questions.map((question) => ({ name: question, path: '/api/ask', body: { question } }));
}

// The systems' tables the dashboard reads must exist: publish every system once if one is missing.
async function publishIfMissing(
  dataDir: string,
  env: ReturnType<typeof createLocalEnvironment>,
): Promise<void> {
  const { snapshot } = await crawlCatalog({
    store: env.store,
    engines: env.engines,
    catalog: createSqlServices(env).catalog,
  });
  const have = new Set(snapshot.tables.map((t) => `${t.schema}.${t.name}`));
  const needed = new Set(
    Object.values(DASHBOARD_QUERIES).flatMap((sql) =>
      [...sql.matchAll(/\b(?:from|join)\s+([a-z_]+\.[a-z_]+)/g)].map((m) => m[1]),
    ),
  );
  const missing = [...needed].filter((name) => name && !have.has(name));
  if (missing.length === 0) return;
  process.stdout.write(`missing ${missing.join(', ')}: running \`shoplake publish\` first ...\n`);
  const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
  execFileSync(process.execPath, [...process.execArgv, cli, 'publish', '--data-dir', dataDir], {
    stdio: 'inherit',
  });
}

function runLoad(url: string, requests: Request[], clients: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        import.meta.filename,
        '--load',
        JSON.stringify({ url, requests, clients, seconds }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the load process exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}

/** `clients` loops, each sending the requests in turn (from its own starting point) until time is up. */
async function load(url: string, requests: Request[], clients: number, seconds: number): Promise<LoadResult> {
  const latencies: Record<string, number[]> = {};
  const errors: Record<string, number> = {};
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i++) {
        const request = requests[i % requests.length]!;
        const sent = performance.now();
        try {
          const response = await fetch(`${url}${request.path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(request.body),
          });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`${response.status} ${text.slice(0, 200)}`);
          const list = latencies[request.name] ?? [];
          list.push(performance.now() - sent);
          latencies[request.name] = list;
        } catch (error: unknown) {
          errors[request.name] = (errors[request.name] ?? 0) + 1;
          firstError ??= `${request.name}: ${(error as Error).message}`;
        }
      }
    }),
  );
  return { latencies, errors, firstError, seconds: (performance.now() - started) / 1000 };
}

function percentiles(latencies: number[]): string {
  if (latencies.length === 0) return '(no answers)';
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const ms = (n: number) => n.toFixed(1).padStart(7);
  return `p50 ${ms(at(50))}  p95 ${ms(at(95))}  p99 ${ms(at(99))}  max ${ms(sorted.at(-1) ?? 0)}  (n=${sorted.length})`;
}
