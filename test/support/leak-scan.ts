// Scans every file under the given folders for clear card data, and checks that none of the
// sensitive values actually planted in raw appears anywhere outside raw.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../src/ports/engine.js';
import {
  isParquet,
  type LeakFinding,
  scanParquetFiles,
  scanText,
} from '../../src/stages/audit/scan-for-leaks.js';

export async function filesUnder(folder: string): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

export async function scanOutputs(engine: Engine, folders: readonly string[]): Promise<LeakFinding[]> {
  const files = (await Promise.all(folders.map(filesUnder))).flat();
  const findings = await scanParquetFiles(engine, files.filter(isParquet));
  for (const file of files.filter((f) => !isParquet(f)))
    findings.push(...scanText(file, await readFile(file, 'utf8')));
  return findings;
}

/** Clear values from raw (PAN digits, SSNs, emails) that must not appear in any output. */
export async function plantedSecrets(engine: Engine, rawFolder: string): Promise<Set<string>> {
  const secrets = new Set<string>();
  const glob = (table: string) => `'${rawFolder}/${table}/*/*.parquet'`;
  const queries = [
    `SELECT DISTINCT regexp_replace(CAST(card_number AS VARCHAR), '[^0-9]', '', 'g') AS v FROM read_parquet(${glob('payments')}, union_by_name = true) WHERE card_number IS NOT NULL`,
    `SELECT DISTINCT CAST(ssn AS VARCHAR) AS v FROM read_parquet(${glob('customers')}, union_by_name = true) WHERE ssn IS NOT NULL`,
    `SELECT DISTINCT lower(trim(CAST(email AS VARCHAR))) AS v FROM read_parquet(${glob('customers')}, union_by_name = true) WHERE email LIKE '%@%.%'`,
  ];
  for (const sql of queries)
    for (const row of await engine.query(sql)) if (String(row.v).length >= 9) secrets.add(String(row.v));
  return secrets;
}

/** Every output file whose text (or Parquet string data) contains one of the secrets. */
export async function filesContaining(
  engine: Engine,
  folders: readonly string[],
  secrets: ReadonlySet<string>,
): Promise<string[]> {
  const hits: string[] = [];
  const files = (await Promise.all(folders.map(filesUnder))).flat();
  const needles = [...secrets];
  for (const file of files) {
    let texts: string[];
    if (isParquet(file)) {
      const schema = await engine.query(
        `SELECT name FROM parquet_schema('${file}') WHERE duckdb_type = 'VARCHAR'`,
      );
      if (schema.length === 0) continue;
      const columns = schema
        .map((r) => `coalesce("${String(r.name).replace(/"/g, '""')}", '')`)
        .join(" || '\u0001' || ");
      texts = (
        await engine.query(`SELECT string_agg(${columns}, '\n') AS t FROM read_parquet('${file}')`)
      ).map((r) => String(r.t ?? ''));
    } else {
      texts = [await readFile(file, 'utf8')];
    }
    const digitsOnly = texts.map((t) => t.replace(/[ -]/g, ''));
    if (
      needles.some(
        (n) =>
          texts.some((t) => t.toLowerCase().includes(n)) ||
          (/^\d+$/.test(n) && digitsOnly.some((t) => t.includes(n))),
      )
    )
      hits.push(file);
  }
  return hits;
}
