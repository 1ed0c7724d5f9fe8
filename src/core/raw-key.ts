// The raw zone's key layout: `<table>/dt=YYYY-MM-DD/<batch-id>.parquet`.

import { isSourceTableName, type SourceTableName } from './source-tables.js';

const RAW_KEY = /^([a-z_]+)\/dt=(\d{4}-\d{2}-\d{2})\/([^/]+)\.parquet$/;

export interface RawKey {
  readonly table: SourceTableName;
  readonly dt: string;
  readonly batchId: string;
}

/** The parts of a raw data key, or a reason why the key is not one. */
export function parseRawKey(key: string): RawKey | { readonly problem: string } {
  const match = RAW_KEY.exec(key);
  if (!match) return { problem: 'it does not follow <table>/dt=YYYY-MM-DD/<batch-id>.parquet' };
  const [, table, dt, batchId] = match as unknown as [string, string, string, string];
  if (!isSourceTableName(table)) return { problem: `"${table}" is not a source table` };
  return { table, dt, batchId };
}

export function rawKey(parts: RawKey): string {
  return `${parts.table}/dt=${parts.dt}/${parts.batchId}.parquet`;
}

/** Keys starting with `_` (state, watermarks) are not data: no handler runs on them. */
export function isDataKey(key: string): boolean {
  return !key.startsWith('_') && !key.split('/').some((part) => part.startsWith('.'));
}
