// The generate stage's entry: a demo world written to the raw zone as Parquet, and its ground
// truth beside the buckets. The CLI's `shoplake generate` calls this and nothing else.

import { join } from 'node:path';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { type GenerateWorldOptions, WorldGenerator } from './generate-world.js';
import type { GroundTruth } from './ground-truth.js';
import { GROUND_TRUTH_FILE, writeGroundTruth } from './write-ground-truth.js';
import { type RawWriteProgress, type RawWriteResult, writeWorldToRaw } from './write-world-to-raw.js';

export interface DemoWorldProgress extends RawWriteProgress {
  /** How far through history the batch just written is, 0 to 1. */
  readonly fraction: number;
}

export interface GenerateDemoWorldInput extends GenerateWorldOptions {
  /** Where ground-truth.json goes (the local data directory, outside the buckets). */
  readonly dataDir: string;
  readonly store: ObjectStore;
  readonly engine: Engine;
  readonly onProgress?: (progress: DemoWorldProgress) => void;
}

export interface GenerateDemoWorldResult extends RawWriteResult {
  readonly groundTruth: GroundTruth;
  readonly groundTruthPath: string;
  readonly seconds: number;
}

/**
 * Generates a world, writes it to raw and writes its ground truth.
 *
 * @example
 * const result = await generateDemoWorld({ dataDir: './data', orders: 100_000, seed: 42, store, engine });
 * console.log(result.rows, result.groundTruth.tables.orders.expectedCuratedRows);
 */
export async function generateDemoWorld(input: GenerateDemoWorldInput): Promise<GenerateDemoWorldResult> {
  const started = performance.now();
  const world = new WorldGenerator(input);
  const first = Date.parse(`${world.options.endDate}T00:00:00Z`) - (world.options.days - 1) * 86_400_000;
  const span = world.options.days * 86_400_000;
  const written = await writeWorldToRaw(world.batches(), {
    store: input.store,
    engine: input.engine,
    onProgress: (progress) =>
      input.onProgress?.({
        ...progress,
        fraction: Math.min(1, (Date.parse(`${progress.dt}T00:00:00Z`) - first + 86_400_000) / span),
      }),
  });
  const groundTruth = world.groundTruth();
  await writeGroundTruth(input.dataDir, groundTruth, world.expectedKeys());
  return {
    ...written,
    groundTruth,
    groundTruthPath: join(input.dataDir, GROUND_TRUTH_FILE),
    seconds: (performance.now() - started) / 1000,
  };
}
