// Looks for card numbers, SSNs and clear email addresses in what the lake wrote past raw:
// every text column of every Parquet file and every text file (reports, logs, run records).
// The compliance evidence and the leak tests both use it.

import { extname } from 'node:path';
import type { Engine } from '../../ports/engine.js';
import { MAYBE_SENSITIVE_PATTERN, maskFreeText } from '../curate/masking/mask-free-text.js';
import { ident, literal } from '../curate/sql-text.js';

export interface LeakFinding {
  readonly file: string;
  readonly column?: string;
  /** The value with the sensitive part masked, so the finding itself leaks nothing. */
  readonly sample: string;
}

/** True when `text` holds something the masker would mask: a PAN, an SSN or a clear email. */
export function holdsSensitive(text: string): boolean {
  return maskFreeText(text) !== text;
}

const CVV_COLUMN = /cvv|cvc|security.?code/i;
const CLEAR_COLUMNS = new Set(['card_number', 'ssn', 'email', 'card_cvv']);

/** Scans Parquet files column by column; returns at most `limit` findings. */
export async function scanParquetFiles(
  engine: Engine,
  files: readonly string[],
  limit = 20,
): Promise<LeakFinding[]> {
  const findings: LeakFinding[] = [];
  for (const file of files) {
    const schema = await engine.query(
      `SELECT name, duckdb_type FROM parquet_schema(${literal(file)}) WHERE duckdb_type IS NOT NULL`,
    );
    for (const { name, duckdb_type: type } of schema) {
      const column = String(name);
      if (CVV_COLUMN.test(column) || CLEAR_COLUMNS.has(column)) {
        findings.push({ file, column, sample: `a column named ${column} exists` });
        continue;
      }
      if (type !== 'VARCHAR') continue;
      const rows = await engine.query(
        `SELECT ${ident(column)} AS v FROM read_parquet(${literal(file)}) WHERE contains(${ident(column)}, '@') OR regexp_matches(${ident(column)}, ${literal(MAYBE_SENSITIVE_PATTERN)})`,
      );
      for (const row of rows) {
        const value = String(row.v);
        if (holdsSensitive(value)) findings.push({ file, column, sample: maskFreeText(value).slice(0, 120) });
        if (findings.length >= limit) return findings;
      }
    }
  }
  return findings;
}

/** Scans text files (JSON, logs) line by line. */
export function scanText(file: string, text: string, limit = 20): LeakFinding[] {
  const findings: LeakFinding[] = [];
  for (const line of text.split('\n')) {
    if (holdsSensitive(line)) findings.push({ file, sample: maskFreeText(line).slice(0, 120) });
    if (findings.length >= limit) break;
  }
  return findings;
}

export function isParquet(path: string): boolean {
  return extname(path) === '.parquet';
}
