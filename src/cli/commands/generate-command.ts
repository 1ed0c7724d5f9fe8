// `shoplake generate`: a realistic, dirty demo shop written to the raw zone, with its ground truth.

import { Command } from 'commander';
import { generateDemoWorld } from '../../stages/generate/generate-demo-world.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';
import { progressBar } from '../progress-bar.js';

export interface GenerateOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly orders: number;
  readonly seed: number;
  readonly endDate?: string;
  readonly days?: number;
}

export function generateCommand(): Command {
  return withGlobalOptions(new Command('generate'))
    .description(
      'Write a generated shop (customers, products, orders, items, payments, searches) to the raw zone as Parquet, dirty on purpose, plus ground-truth.json',
    )
    .option('--orders <n>', 'clean orders in the whole history', positiveInt('--orders'), 100_000)
    .option('--seed <n>', 'random seed: the same seed gives the same world', positiveInt('--seed'), 1)
    .option('--end-date <YYYY-MM-DD>', 'last day of history (default 2026-10-31)')
    .option('--days <n>', 'days of history (default 730)', positiveInt('--days'))
    .action(
      action(async (options: GenerateOptions) => {
        const { env, logger } = commandContext(options, 'generate');
        const result = await generateDemo(env, options, logger);
        process.stdout.write(
          `Wrote ${result.rows.toLocaleString('en-US')} raw rows in ${result.batches} objects to ${env.config.dataDir}/raw in ${result.seconds.toFixed(1)}s; ground truth: ${result.groundTruthPath}\n`,
        );
        return 0;
      }),
    );
}

/** Shared with `start`: generation with a progress bar. */
export async function generateDemo(
  env: ReturnType<typeof commandContext>['env'],
  options: Pick<GenerateOptions, 'orders' | 'seed' | 'endDate' | 'days'>,
  logger: ReturnType<typeof commandContext>['logger'],
) {
  const engine = await env.engines.open();
  const bar = progressBar(100, '% of history');
  try {
    logger.info('generate.start', { orders: options.orders, seed: options.seed });
    const result = await generateDemoWorld({
      dataDir: env.config.dataDir,
      orders: options.orders,
      seed: options.seed,
      endDate: options.endDate,
      days: options.days,
      store: env.store,
      engine,
      onProgress: (p) => bar.update(Math.round(p.fraction * 100), `${p.rows.toLocaleString('en-US')} rows`),
    });
    logger.info('generate.done', { rows: result.rows, batches: result.batches, seconds: result.seconds });
    return result;
  } finally {
    bar.stop();
    await engine.close();
  }
}
