// `npm run bench`: raw→curated throughput and peak memory on a named data size, measured in
// a child process so the figure is the pipeline's own. Usage:
//   npm run bench -- [--orders 1000000] [--seed 1] [--data-dir bench-data] [--only curate|export|publish|analytics|api]
// Other stages' benchmarks (export, publish, analytics, scikit-learn baselines, the HTTP API
// under load) run after it.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string', default: 'bench-data' },
    only: { type: 'string' },
  },
});
const orders = Number(values.orders);
const dataDir = resolve(values['data-dir']!, `orders-${orders}-seed-${values.seed}`);
const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const env = {
  ...process.env,
  // What bin/shoplake.js and the Lambda functions run with (see the comment there).
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=32`.trim(),
  SHOPLAKE_HMAC_KEY: process.env.SHOPLAKE_HMAC_KEY ?? 'bench-hmac-key-0123456789abcdef',
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function section(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

section(`data: ${fmt(orders)} orders (seed ${values.seed}) in ${dataDir}`);
if (!existsSync(join(dataDir, 'ground-truth.json'))) {
  const started = Date.now();
  execFileSync(
    tsx,
    [cli, 'generate', '--data-dir', dataDir, '--orders', String(orders), '--seed', String(values.seed)],
    { env, stdio: 'inherit' },
  );
  process.stdout.write(`generated in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
const truth = JSON.parse(readFileSync(join(dataDir, 'ground-truth.json'), 'utf8')) as {
  tables: Record<string, { rawRows: number }>;
};
const rawRows = Object.values(truth.tables).reduce((n, t) => n + t.rawRows, 0);
process.stdout.write(`raw rows: ${fmt(rawRows)} over 6 tables\n`);

if (!values.only || values.only === 'curate') {
  section('raw → curated (shoplake run)');
  // Start from an empty curated zone so every run measures the same work.
  for (const folder of ['curated', 'dead-letter', 'prod'])
    rmSync(join(dataDir, folder), { recursive: true, force: true });
  const started = Date.now();
  const child = spawnSync(tsx, [cli, 'run', '--data-dir', dataDir, '--json', '--no-publish'], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  if (child.status !== 0 && child.status !== 3) {
    process.stderr.write(child.stderr);
    throw new Error(`shoplake run failed with exit code ${child.status}`);
  }
  const result = JSON.parse(child.stdout) as {
    peakRssMb: number;
    durationMs: number;
    totals: { table: string; rowsIn: number; curatedRows: number }[];
  };
  const rowsIn = result.totals.reduce((n, t) => n + t.rowsIn, 0);
  for (const t of result.totals)
    process.stdout.write(
      `  ${t.table.padEnd(14)} ${fmt(t.rowsIn).padStart(12)} rows in → ${fmt(t.curatedRows).padStart(12)} curated\n`,
    );
  process.stdout.write(
    `wall time (process): ${seconds.toFixed(1)}s; pipeline: ${(result.durationMs / 1000).toFixed(1)}s\n`,
  );
  process.stdout.write(
    `throughput: ${fmt(rowsIn / (result.durationMs / 1000))} rows/s (pipeline), ${fmt(rowsIn / seconds)} rows/s (process)\n`,
  );
  process.stdout.write(`peak RSS: ${fmt(result.peakRssMb)} MB\n`);
}

for (const [name, script, args] of [
  ['MySQL export vs mariadb-dump', 'export-bench.ts', ['--orders', String(orders)]],
  ['curated → prod (part 1 systems)', 'publish-bench.ts', ['--data-dir', dataDir]],
  ['curated → prod (demand insights, compliance)', 'analytics-bench.ts', ['--data-dir', dataDir]],
  ['scikit-learn baselines on the same features', 'sklearn-baseline.ts', ['--data-dir', dataDir]],
  ['HTTP API under load: /api/query and /api/ask', 'api-bench.ts', ['--data-dir', dataDir]],
] as const) {
  const path = join(import.meta.dirname, script);
  if (!existsSync(path) || (values.only && !script.startsWith(values.only))) continue;
  section(name);
  const child = spawnSync(tsx, [path, ...args], { env, stdio: 'inherit' });
  if (child.status !== 0) process.stdout.write(`(${script} exited with ${child.status})\n`);
}
