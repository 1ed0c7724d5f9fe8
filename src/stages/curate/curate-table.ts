// Merges a batch of raw objects of one table into curated: parse and validate every row,
// quarantine what breaks an error rule, mask, deduplicate against what curated already holds
// (latest updated_at wins, ties broken by source key and row hash, so the result does not
// depend on the order objects arrive in), then commit by writing the table manifest.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { TableSpec } from '../../core/source-tables.js';
import { ERROR_RULES, type ErrorRule, type WarnRule } from '../../core/validation-rules.js';
import { CURATED, RAW } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { countWarnings } from './count-warnings.js';
import { type CuratePlan, curatePlan, TOKEN_DICTIONARY } from './curate-plan.js';
import type { CurateRules } from './curate-rules.js';
import { ident, literal } from './sql-text.js';
import {
  QUARANTINE_PREFIX,
  readManifest,
  removeUncommittedFiles,
  type TableManifest,
  writeManifest,
} from './table-manifest.js';

export interface RawObjectRef {
  readonly key: string;
  readonly etag: string;
  /** When the object landed in raw: the processing time of its rows, so re-runs agree. */
  readonly landedAt: Date;
}

export const CURATE_STEPS = [
  'read',
  'validated',
  'curated-written',
  'quarantine-written',
  'committed',
  'cleaned',
] as const;
export type CurateStep = (typeof CURATE_STEPS)[number];

export interface CurateTableOptions {
  readonly runId: string;
  readonly rowsPerFile: number;
  /** Called after each step; tests throw from it to simulate a crash there. */
  readonly onStep?: (step: CurateStep) => void | Promise<void>;
  /** Validation thresholds; default the contract's. */
  readonly rules?: CurateRules;
  /**
   * Derive these objects again even when already merged (replay after a rule change): the rows
   * they put in curated and quarantine are taken out first, then they are merged like new ones.
   */
  readonly rederive?: ReadonlySet<string>;
}

export interface ObjectFailure {
  readonly key: string;
  readonly error: ShoplakeError;
}

export interface CurateTableResult {
  readonly table: TableSpec['name'];
  readonly objects: readonly string[];
  readonly alreadyProcessed: readonly string[];
  readonly failed: readonly ObjectFailure[];
  readonly rowsIn: number;
  readonly rowsKept: number;
  readonly duplicatesDropped: number;
  readonly rejectedByRule: Readonly<Partial<Record<ErrorRule, number>>>;
  readonly warningsByRule: Readonly<Partial<Record<WarnRule, number>>>;
  readonly curatedRows: number;
  readonly quarantineRows: number;
  readonly droppedExtraColumns: readonly string[];
  readonly version: number;
  /** Bytes of the curated and quarantine files this merge wrote. */
  readonly bytesWritten: number;
  /** Curated rows taken out because their objects were derived again (`rederive`). */
  readonly rowsRederived: number;
}

const ROW_GROUP_ROWS = 122_880;

export async function curateTable(
  table: TableSpec,
  objects: readonly RawObjectRef[],
  ports: { readonly store: ObjectStore; readonly engine: Engine },
  options: CurateTableOptions,
): Promise<CurateTableResult> {
  const { store, engine } = ports;
  const manifest = await readManifest(store, table.name);
  await removeUncommittedFiles(store, manifest);
  const merged = (o: RawObjectRef) => manifest.processed[o.key] === o.etag && !options.rederive?.has(o.key);
  const alreadyProcessed = objects.filter(merged).map((o) => o.key);
  const pending = objects.filter((o) => !merged(o));
  const base = emptyResult(table, manifest, alreadyProcessed);
  if (pending.length === 0) return base;

  return store.withLocalFiles(
    RAW,
    pending.map((o) => o.key),
    async (paths) => {
      const failed: ObjectFailure[] = [];
      const readable: { ref: RawObjectRef; path: string }[] = [];
      for (const [i, ref] of pending.entries()) {
        const path = paths[i]!;
        const problem = await probeParquet(engine, path);
        if (problem) failed.push({ key: ref.key, error: corruptObject(ref.key, problem) });
        else readable.push({ ref, path });
      }
      if (readable.length === 0) return { ...base, failed };

      await engine.run(
        'DROP TABLE IF EXISTS sources; CREATE TEMP TABLE sources (source_id INTEGER, path VARCHAR, source_key VARCHAR, landed_at TIMESTAMP)',
      );
      await engine.append(
        'sources',
        readable.map(({ ref, path }, i) => [
          i,
          path,
          ref.key,
          ref.landedAt.toISOString().replace('T', ' ').replace('Z', ''),
        ]),
      );
      // Files with one schema are read together; a group whose columns drifted to text is
      // parsed from text, the others keep their native types.
      const groups = await schemaGroups(
        engine,
        readable.map((r) => r.path),
      );
      const rawTypes = new Map(groups.flatMap((g) => [...g.types]));
      const plan = curatePlan(table, rawTypes, options.rules);
      const rederiving = (options.rederive?.size ?? 0) > 0;
      for (const [i, group] of groups.entries()) {
        const sql = plan.checkedSql(group.relation, group.types);
        await engine.run(
          i === 0 ? `CREATE OR REPLACE TEMP TABLE checked AS ${sql}` : `INSERT INTO checked BY NAME ${sql}`,
        );
      }
      await options.onStep?.('read');

      const counts = await countByRule(engine);
      const warningsByRule = await countWarnings(engine, plan, store);
      await options.onStep?.('validated');

      const dictionaries = await buildTokenDictionaries(engine, plan);
      const version = manifest.version + 1;
      const written = await writeCuratedFiles(engine, store, table, plan, dictionaries, manifest, version, {
        ...options,
        rederiving,
      });
      await options.onStep?.('curated-written');
      // A replay rewrites the quarantine even without new rejects: its objects' old ones go.
      const quarantine =
        counts.rejected > 0 || (rederiving && manifest.quarantineFiles.length > 0)
          ? await writeQuarantineFiles(engine, store, table, plan, groups, manifest, version, {
              ...options,
              rederiving,
            })
          : { files: manifest.quarantineFiles, rows: manifest.quarantineRows, bytes: 0 };
      await options.onStep?.('quarantine-written');

      const processed = { ...manifest.processed };
      for (const { ref } of readable) processed[ref.key] = ref.etag;
      const next: TableManifest = {
        table: table.name,
        version,
        files: written.files,
        rows: written.rows,
        quarantineFiles: quarantine.files,
        quarantineRows: quarantine.rows,
        processed,
        committedAt: new Date().toISOString(),
        runId: options.runId,
      };
      await writeManifest(store, next);
      await options.onStep?.('committed');
      await removeUncommittedFiles(store, next);
      await engine.run(
        `DROP TABLE IF EXISTS checked; DROP TABLE IF EXISTS sources; DROP TABLE IF EXISTS duplicate_keys; ${plan.tokenInputs.map((_, i) => `DROP TABLE IF EXISTS ${TOKEN_DICTIONARY}_${i};`).join(' ')}`,
      );
      await options.onStep?.('cleaned');

      const rowsKept = counts.total - counts.rejected;
      return {
        ...base,
        objects: readable.map((r) => r.ref.key),
        failed,
        rowsIn: counts.total,
        rowsKept,
        duplicatesDropped: written.baseRows + rowsKept - written.rows,
        rejectedByRule: counts.byRule,
        warningsByRule,
        curatedRows: written.rows,
        quarantineRows: quarantine.rows,
        droppedExtraColumns: plan.droppedColumns,
        version,
        bytesWritten: written.bytes + quarantine.bytes,
        rowsRederived: manifest.rows - written.baseRows,
      };
    },
  );
}

function emptyResult(
  table: TableSpec,
  manifest: TableManifest,
  alreadyProcessed: string[],
): CurateTableResult {
  return {
    table: table.name,
    objects: [],
    alreadyProcessed,
    failed: [],
    rowsIn: 0,
    rowsKept: 0,
    duplicatesDropped: 0,
    rejectedByRule: {},
    warningsByRule: {},
    curatedRows: manifest.rows,
    quarantineRows: manifest.quarantineRows,
    droppedExtraColumns: [],
    version: manifest.version,
    bytesWritten: 0,
    rowsRederived: 0,
  };
}

async function probeParquet(engine: Engine, path: string): Promise<string | undefined> {
  try {
    await engine.query(`SELECT count(*) AS n FROM parquet_metadata(${literal(path)})`);
    return undefined;
  } catch (error) {
    // The engine's message names the local path; keep only what it says about the file.
    return errorMessage(error).replaceAll(path, '<object>');
  }
}

function corruptObject(key: string, problem: string): ShoplakeError {
  return new ShoplakeError(
    'object_corrupt',
    `Raw object ${key} is not a readable Parquet file (${problem}); it was not merged. Land a good copy at this key and redrive it (\`shoplake dlq list\`), or re-export it to a new key.`,
    {
      retryable: false,
      context: { key },
    },
  );
}

function literalPaths(paths: readonly string[]): string {
  return `[${paths.map(literal).join(', ')}]`;
}

/** Values repeating at least this often (rows per distinct value) are tokenized through a dictionary. */
const DICTIONARY_MIN_REPEAT = 3;

async function buildTokenDictionaries(engine: Engine, plan: CuratePlan): Promise<Set<number>> {
  const chosen = new Set<number>();
  if (plan.tokenInputs.length === 0) return chosen;
  const distinct = plan.tokenInputs.map((input, i) => `approx_count_distinct(${input}) AS d${i}`).join(', ');
  const [stats] = await engine.query(
    `SELECT count(*) AS n, ${distinct} FROM checked c WHERE c._reject_rule IS NULL`,
  );
  const rows = Number(stats?.n ?? 0);
  for (const [i] of plan.tokenInputs.entries()) {
    if (Number(stats?.[`d${i}`] ?? 0) * DICTIONARY_MIN_REPEAT > rows) continue;
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${TOKEN_DICTIONARY}_${i} AS ${plan.tokenDictionarySql(i)}`,
    );
    chosen.add(i);
  }
  return chosen;
}

interface SchemaGroup {
  /** `read_parquet(...)` over the group's files, with filename and row number. */
  readonly relation: string;
  readonly types: ReadonlyMap<string, string>;
}

async function schemaGroups(engine: Engine, paths: readonly string[]): Promise<SchemaGroup[]> {
  const bySignature = new Map<string, string[]>();
  const rows = await engine.query(
    `SELECT file_name, string_agg(name || ':' || duckdb_type, ',' ORDER BY name) AS signature FROM parquet_schema(${literalPaths(paths)}) WHERE duckdb_type IS NOT NULL GROUP BY file_name`,
  );
  for (const row of rows) {
    const files = bySignature.get(String(row.signature)) ?? [];
    files.push(String(row.file_name));
    bySignature.set(String(row.signature), files);
  }
  const groups: SchemaGroup[] = [];
  for (const files of bySignature.values()) {
    const relation = `read_parquet(${literalPaths(files.sort())}, union_by_name = true, hive_partitioning = false, filename = true, file_row_number = true)`;
    groups.push({ relation, types: await describeRelation(engine, `SELECT * FROM ${relation}`) });
  }
  return groups;
}

async function describeRelation(engine: Engine, sql: string): Promise<Map<string, string>> {
  const rows = await engine.query(`DESCRIBE ${sql}`);
  return new Map(rows.map((row) => [String(row.column_name), String(row.column_type)]));
}

async function countByRule(
  engine: Engine,
): Promise<{ total: number; rejected: number; byRule: Partial<Record<ErrorRule, number>> }> {
  const rows = await engine.query('SELECT _reject_rule AS rule, count(*) AS n FROM checked GROUP BY ALL');
  const byRule: Partial<Record<ErrorRule, number>> = {};
  let total = 0;
  let rejected = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    if (row.rule === null) continue;
    const rule = row.rule as ErrorRule;
    if (!ERROR_RULES.includes(rule)) throw new Error(`unknown rule ${String(row.rule)}`);
    byRule[rule] = n;
    rejected += n;
  }
  return { total, rejected, byRule };
}

interface WrittenFiles {
  readonly files: string[];
  readonly rows: number;
  readonly bytes: number;
}

interface MergeOptions extends CurateTableOptions {
  /** Rows of the batch's objects already in curated or quarantine are taken out first. */
  readonly rederiving: boolean;
}

/** Committed rows, without those of objects being derived again (their `sources` row names them). */
function committedRows(paths: readonly string[], rederiving: boolean): string {
  const all = `SELECT * FROM read_parquet(${literalPaths(paths)}, union_by_name = true, hive_partitioning = false)`;
  return rederiving ? `${all} WHERE _source_key NOT IN (SELECT source_key FROM sources)` : all;
}

async function writeCuratedFiles(
  engine: Engine,
  store: ObjectStore,
  table: TableSpec,
  plan: CuratePlan,
  dictionaries: ReadonlySet<number>,
  manifest: TableManifest,
  version: number,
  options: MergeOptions,
): Promise<WrittenFiles & { readonly baseRows: number }> {
  return store.withLocalFiles(CURATED, manifest.files, async (existingPaths) => {
    const existing =
      existingPaths.length > 0
        ? await describeRelation(
            engine,
            `SELECT * FROM read_parquet(${literalPaths(existingPaths)}, union_by_name = true, hive_partitioning = false)`,
          )
        : new Map<string, string>();
    const knownExtras = [...existing.keys()].filter(
      (n) => !plan.curatedColumns.includes(n) && !n.startsWith('_'),
    );
    const extras = [...new Set([...knownExtras, ...plan.extraColumns])].sort();
    const columns = [...plan.curatedColumns, ...extras, '_source_key', '_ingested_at', '_row_hash']
      .map(ident)
      .join(', ');
    const key = ident(table.primaryKey);
    const existingRows =
      existingPaths.length > 0 ? committedRows(existingPaths, options.rederiving) : undefined;
    const baseRows =
      existingRows && options.rederiving
        ? Number((await engine.query(`SELECT count(*) AS n FROM (${existingRows})`))[0]?.n ?? 0)
        : manifest.rows;
    // Only keys that occur more than once need the window; all other rows stream straight through.
    const keys = [
      `SELECT ${key} FROM checked WHERE _reject_rule IS NULL`,
      ...(existingRows ? [`SELECT ${key} FROM (${existingRows})`] : []),
    ];
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE duplicate_keys AS SELECT ${key} FROM (${keys.join(' UNION ALL ')}) GROUP BY ${key} HAVING count(*) > 1`,
    );
    const inDuplicates = (alias: string) => `${alias}.${key} IN (SELECT ${key} FROM duplicate_keys)`;
    const singles = [
      plan.curatedRowsSql(`NOT ${inDuplicates('c')}`, dictionaries),
      ...(existingRows ? [`SELECT * FROM (${existingRows}) x WHERE NOT ${inDuplicates('x')}`] : []),
    ];
    const repeated = [
      plan.curatedRowsSql(inDuplicates('c'), dictionaries),
      ...(existingRows ? [`SELECT * FROM (${existingRows}) x WHERE ${inDuplicates('x')}`] : []),
    ];
    const winners =
      `SELECT * FROM (${repeated.join(' UNION ALL BY NAME ')}) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY updated_at DESC, _source_key DESC, _row_hash DESC) = 1`;
    const sql = `SELECT ${columns} FROM (${[...singles, winners].join(' UNION ALL BY NAME ')})`;
    const files = await copyToObjects(
      engine,
      store,
      sql,
      `${table.name}/part-v${String(version).padStart(6, '0')}`,
      options.rowsPerFile,
    );
    return { ...files, baseRows };
  });
}

async function writeQuarantineFiles(
  engine: Engine,
  store: ObjectStore,
  table: TableSpec,
  plan: CuratePlan,
  groups: readonly SchemaGroup[],
  manifest: TableManifest,
  version: number,
  options: MergeOptions,
): Promise<WrittenFiles> {
  return store.withLocalFiles(CURATED, manifest.quarantineFiles, async (existingPaths) => {
    const fresh = groups.map((g) => plan.quarantineRowsSql(g.relation, g.types)).join(' UNION ALL BY NAME ');
    const union =
      existingPaths.length > 0
        ? `${committedRows(existingPaths, options.rederiving)} UNION ALL BY NAME ${fresh}`
        : fresh;
    const key = ident(table.primaryKey);
    // One row per (primary key, rule); rows without a usable key are told apart by source and content.
    const sql =
      `SELECT * FROM (${union}) QUALIFY row_number() OVER (` +
      `PARTITION BY _reject_rule, coalesce(${key}, _source_key || '#' || CAST(_row_hash AS VARCHAR)) ` +
      `ORDER BY _rejected_at DESC, _source_key DESC, _row_hash DESC) = 1 ORDER BY _reject_rule, ${key}, _source_key`;
    return copyToObjects(
      engine,
      store,
      sql,
      `${QUARANTINE_PREFIX}${table.name}/part-v${String(version).padStart(6, '0')}`,
      options.rowsPerFile,
    );
  });
}

/** Runs `sql` into Parquet files in scratch space, then publishes each as `<keyStem>-<n>.parquet`. */
async function copyToObjects(
  engine: Engine,
  store: ObjectStore,
  sql: string,
  keyStem: string,
  rowsPerFile: number,
): Promise<WrittenFiles> {
  const folder = await store.scratchPath('.dir');
  try {
    const groupsPerFile = Math.max(1, Math.ceil(rowsPerFile / ROW_GROUP_ROWS));
    const rows = await engine.query(
      `COPY (${sql}) TO ${literal(folder)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}, ROW_GROUPS_PER_FILE ${groupsPerFile}, FILENAME_PATTERN 'part_{i}')`,
    );
    const count = Number(rows[0]?.Count ?? 0);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.parquet')).sort(byPartNumber);
    const files: string[] = [];
    let bytes = 0;
    for (const [i, name] of names.entries()) {
      const key = `${keyStem}-${String(i).padStart(4, '0')}.parquet`;
      bytes += (await store.putFile(CURATED, key, join(folder, name))).size;
      files.push(key);
    }
    return { files, rows: count, bytes };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function byPartNumber(a: string, b: string): number {
  return Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, ''));
}
