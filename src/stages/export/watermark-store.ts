// Per-table export watermarks, kept in the lake beside the data they describe
// (`_export/watermarks/<table>.json` in the raw bucket; keys starting with `_` are not data),
// so any process that can reach the lake can continue where the last export stopped.

import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import { RAW } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { normalizeTimestamp } from './timestamp-text.js';

/** What the last successful export of one table got to. */
export interface ExportWatermark {
  readonly table: string;
  /** The column the watermark is on (always `updated_at` today). */
  readonly column: string;
  /** The greatest `column` value exported (capped at the server clock), UTC text with µs. */
  readonly value: string;
  /** The run that moved it, its time, and what it published. */
  readonly runId: string;
  readonly exportedAt: string;
  readonly rows: number;
  readonly objects: readonly string[];
}

export const WATERMARK_PREFIX = '_export/watermarks/';

export function watermarkKey(table: string): string {
  return `${WATERMARK_PREFIX}${table}.json`;
}

/**
 * @example
 * const watermarks = new WatermarkStore(store);
 * const last = await watermarks.read('orders'); // undefined before the first export
 */
export class WatermarkStore {
  constructor(private readonly store: ObjectStore) {}

  async read(table: string): Promise<ExportWatermark | undefined> {
    const key = watermarkKey(table);
    if (!(await this.store.head(RAW, key))) return undefined;
    const text = new TextDecoder().decode(await this.store.get(RAW, key));
    try {
      return parseWatermark(JSON.parse(text), table);
    } catch (error: unknown) {
      throw new ShoplakeError(
        'object_corrupt',
        `The export watermark ${key} is unreadable (${errorMessage(error)}). Delete it to export ${table} in full again.`,
        { retryable: false, context: { key, table }, cause: error },
      );
    }
  }

  /** Written last, after every object of the run is in place: a crash before it re-exports. */
  async write(watermark: ExportWatermark): Promise<void> {
    await this.store.put(RAW, watermarkKey(watermark.table), `${JSON.stringify(watermark, null, 2)}\n`);
  }
}

function parseWatermark(value: unknown, table: string): ExportWatermark {
  const record = value as Partial<Record<keyof ExportWatermark, unknown>> | null;
  if (typeof record !== 'object' || record === null) throw new Error('not a JSON object');
  if (record.table !== table) throw new Error(`it is for table ${String(record.table)}`);
  for (const field of ['column', 'value', 'runId', 'exportedAt'] as const) {
    if (typeof record[field] !== 'string') throw new Error(`"${field}" is not a string`);
  }
  return {
    table,
    column: record.column as string,
    value: normalizeTimestamp(record.value as string),
    runId: record.runId as string,
    exportedAt: record.exportedAt as string,
    rows: typeof record.rows === 'number' ? record.rows : 0,
    objects: Array.isArray(record.objects) ? record.objects.map(String) : [],
  };
}
