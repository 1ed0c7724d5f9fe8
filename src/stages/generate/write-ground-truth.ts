// The ground truth beside the buckets: `<dataDir>/ground-truth.json`, and for small worlds
// `<dataDir>/ground-truth/<table>.keys` with the expected curated primary keys, one per line.

import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import type { GroundTruth } from './ground-truth.js';

export const GROUND_TRUTH_FILE = 'ground-truth.json';
export const GROUND_TRUTH_KEYS_FOLDER = 'ground-truth';

/**
 * Writes the JSON (and the key files when given); each file appears whole or not at all.
 *
 * @example
 * await writeGroundTruth('./data', world.groundTruth(), world.expectedKeys());
 */
export async function writeGroundTruth(
  dataDir: string,
  truth: GroundTruth,
  keys?: Readonly<Record<SourceTableName, readonly number[]>>,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeWhole(join(dataDir, GROUND_TRUTH_FILE), `${readableJson(truth)}\n`);
  const folder = join(dataDir, GROUND_TRUTH_KEYS_FOLDER);
  // Keys of an earlier, smaller world would mislead whoever checks this one.
  await rm(folder, { recursive: true, force: true });
  if (!keys) return;
  await mkdir(folder, { recursive: true });
  for (const table of SOURCE_TABLE_NAMES) {
    const lines = keys[table];
    await writeWhole(join(folder, `${table}.keys`), lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  }
}

async function writeWhole(path: string, text: string): Promise<void> {
  const part = `${path}.part`;
  await writeFile(part, text);
  await rename(part, path);
}

/** Indented JSON with lists of ids kept on one line each (they run to hundreds of thousands). */
function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s+(-?\d[\d,\s-]*?)\s+\]/g,
    (_, ids: string) => `[${ids.replace(/\s+/g, '')}]`,
  );
}
