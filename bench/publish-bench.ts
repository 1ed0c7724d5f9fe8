// curated → prod on an existing curated lake: seconds per system, rows per table and the
// process's peak RSS. Usage:
//   tsx bench/publish-bench.ts --data-dir D [--systems market-intelligence-hub,retail-copilot | --all]
// By default it runs the three part-1 systems (market-intelligence-hub, global-market-pulse,
// retail-copilot); `--all` runs every system of PROD_SYSTEMS. Prod tables are written to D/prod/.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSilentLogger } from '../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { objectCreatedRecord } from '../src/core/s3-event.js';
import { bucketName, CURATED } from '../src/core/zones.js';
import { localLambdaContext } from '../src/runtime/lambda-context.js';
import { createLocalEnvironment } from '../src/runtime/local-environment.js';
import { newRunId } from '../src/runtime/run-id.js';
import { createCuratedToProdHandler } from '../src/stages/publish/curated-to-prod-handler.js';
import { PROD_SYSTEMS } from '../src/systems/system-registry.js';

const PART_ONE = ['market-intelligence-hub', 'global-market-pulse', 'retail-copilot'];

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    systems: { type: 'string' },
    all: { type: 'boolean', default: false },
  },
});
if (!values['data-dir'])
  throw new Error('usage: tsx bench/publish-bench.ts --data-dir D [--systems a,b | --all]');
const dataDir = resolve(values['data-dir']);
if (!existsSync(join(dataDir, 'curated', '_state', 'orders.json')))
  throw new Error(`no curated lake in ${dataDir}: run \`shoplake start\` or \`shoplake run\` first`);
const wanted = values.all ? PROD_SYSTEMS.map((s) => s.name) : (values.systems?.split(',') ?? PART_ONE);
const systems = PROD_SYSTEMS.filter((s) => wanted.includes(s.name));

const config = loadConfig({ overrides: { dataDir } });
const env = createLocalEnvironment(config);
const handler = createCuratedToProdHandler({
  store: env.store,
  engines: env.engines,
  bucketPrefix: config.bucketPrefix,
  logger: createSilentLogger(),
  systems,
});
const manifest = await env.store.head(CURATED, '_state/orders.json');
const event = {
  Records: [
    objectCreatedRecord({
      bucketName: bucketName(config.bucketPrefix, CURATED),
      key: '_state/orders.json',
      size: manifest?.size ?? 0,
      etag: manifest?.etag ?? '',
      eventTime: new Date(),
      sequencer: '1',
    }),
  ],
};

const started = performance.now();
const result = await handler(event, localLambdaContext('curated-to-prod', newRunId()));
const seconds = (performance.now() - started) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
process.stdout.write(
  `as of ${result.asOf}; engine memory limit ${config.engine.memoryLimit}, ${config.engine.threads} threads\n`,
);
for (const s of result.systems) {
  process.stdout.write(
    `${s.system.padEnd(24)} ${(s.durationMs / 1000).toFixed(2).padStart(7)} s  ${s.status}${s.error ? ` (${s.error})` : ''}\n`,
  );
  for (const t of s.tables)
    process.stdout.write(
      `  ${t.table.padEnd(22)} ${fmt(t.rows).padStart(10)} rows in ${t.files.length} file(s)\n`,
    );
}
// maxRSS is in kilobytes.
process.stdout.write(
  `total ${seconds.toFixed(2)} s; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`,
);
if (result.systems.some((s) => s.status === 'failed')) process.exitCode = 1;
