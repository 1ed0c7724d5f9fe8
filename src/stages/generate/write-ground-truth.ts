// The ground truth beside the buckets: `<dataDir>/ground-truth.json`, and for small worlds
// `<dataDir>/ground-truth/<table>.keys` with the expected curated primary keys, one per line.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import type { GroundTruth } from './ground-truth.js';

export const GROUND_TRUTH_FILE = 'ground-truth.json';
export const GROUND_TRUTH_KEYS_FOLDER = 'ground-truth';

/** Writes the JSON (and the key files when given); each file appears whole or not at all. */
export async function writeGroundTruth(
  dataDir: string,
  truth: GroundTruth,
  keys?: Readonly<Record<SourceTableName, readonly number[]>>,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeWhole(join(dataDir, GROUND_TRUTH_FILE), `${JSON.stringify(truth, null, 2)}\n`);
  if (!keys) return;
  const folder = join(dataDir, GROUND_TRUTH_KEYS_FOLDER);
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
