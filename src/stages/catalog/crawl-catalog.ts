// The catalog crawler: walks curated and every prod bucket through their commit manifests,
// reads the footers of files it has not seen before, tracks each table's schema versions and
// registers the result. Incremental: a file already catalogued with the same ETag is not reopened.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { type BucketRef, CURATED, prodBucket, SYSTEMS } from '../../core/zones.js';
import type {
  Catalog,
  CatalogFile,
  CatalogIssue,
  CatalogSchemaVersion,
  CatalogSnapshot,
  CatalogTable,
} from '../../ports/catalog.js';
import type { Engine, EngineFactory } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { type DiscoveredTable, discoverTables } from './discover-tables.js';
import { evolveSchema, type UnreadableFile } from './evolve-schema.js';
import { partitionsOf } from './hive-partitions.js';
import { inspectFiles } from './inspect-files.js';

export interface CrawlPorts {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly catalog: Catalog;
}

export interface CrawlReport {
  readonly snapshot: CatalogSnapshot;
  readonly newVersions: readonly { readonly table: string; readonly version: CatalogSchemaVersion }[];
  readonly newIssues: readonly { readonly table: string; readonly issue: CatalogIssue }[];
  /** Manifests that could not be read or name missing files; their tables are partial or absent. */
  readonly problems: readonly string[];
  readonly filesInspected: number;
  readonly elapsedMs: number;
}

/** The buckets SQL may see: curated and each system's prod bucket, never raw. */
export function catalogBuckets(): BucketRef[] {
  return [CURATED, ...SYSTEMS.map(prodBucket)];
}

/**
 * @example
 * const { snapshot, newIssues } = await crawlCatalog({ store, engines, catalog });
 */
export async function crawlCatalog(
  ports: CrawlPorts,
  options: { readonly now?: Date } = {},
): Promise<CrawlReport> {
  const started = performance.now();
  const now = (options.now ?? new Date()).toISOString();
  const problems: string[] = [];
  const previous = await readPrevious(ports.catalog, problems);
  const before = new Map(previous.map((t) => [`${t.schema}.${t.name}`, t]));
  const tables: CatalogTable[] = [];
  const newVersions: { table: string; version: CatalogSchemaVersion }[] = [];
  const newIssues: { table: string; issue: CatalogIssue }[] = [];
  let filesInspected = 0;
  let engine: Engine | undefined;
  try {
    for (const bucket of catalogBuckets()) {
      const found = await discoverTables(ports.store, bucket);
      problems.push(...found.problems);
      for (const discovered of found.tables) {
        const id = `${discovered.schema}.${discovered.name}`;
        const old = before.get(id);
        const known = new Map((old?.files ?? []).map((f) => [`${f.key}\n${f.etag}`, f]));
        const fresh = discovered.files.filter((f) => !known.has(`${f.key}\n${f.etag}`)).map((f) => f.key);
        if (fresh.length > 0) engine ??= await ports.engines.open();
        const shapes = engine ? await inspectFiles(engine, ports.store, bucket, fresh) : new Map();
        filesInspected += fresh.length;
        const files: CatalogFile[] = [];
        const unreadable: UnreadableFile[] = [];
        for (const info of discovered.files) {
          const reused = known.get(`${info.key}\n${info.etag}`);
          const shape = shapes.get(info.key);
          if (reused) files.push(reused);
          else if (shape?.ok)
            files.push({
              key: info.key,
              etag: info.etag,
              size: info.size,
              rows: shape.rows,
              lastModified: info.lastModified.toISOString(),
              columns: shape.columns,
            });
          else unreadable.push({ key: info.key, error: shape?.ok === false ? shape.error : 'not inspected' });
        }
        const table = buildTable(discovered, files, unreadable, old, now);
        tables.push(table.table);
        if (table.newVersion) newVersions.push({ table: id, version: table.newVersion });
        newIssues.push(...table.newIssues.map((issue) => ({ table: id, issue })));
      }
    }
  } finally {
    await engine?.close();
  }
  tables.sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
  const snapshot: CatalogSnapshot = { crawledAt: now, tables };
  await ports.catalog.register(snapshot);
  return {
    snapshot,
    newVersions,
    newIssues,
    problems,
    filesInspected,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function buildTable(
  discovered: DiscoveredTable,
  files: CatalogFile[],
  unreadable: readonly UnreadableFile[],
  old: CatalogTable | undefined,
  now: string,
): { table: CatalogTable; newVersion: CatalogSchemaVersion | undefined; newIssues: readonly CatalogIssue[] } {
  // Oldest first, so the type a column was first written with is the one the table keeps.
  const ordered = [...files].sort(
    (a, b) => a.lastModified.localeCompare(b.lastModified) || a.key.localeCompare(b.key),
  );
  const schema = evolveSchema(old, ordered, unreadable, now);
  // ISO times sort as text: the last of the ordered files is the newest.
  const newest = ordered.at(-1)?.lastModified ?? '';
  const table: CatalogTable = {
    schema: discovered.schema,
    name: discovered.name,
    bucket: discovered.bucket,
    source: discovered.source,
    columns: schema.columns,
    partitions: partitionsOf(files.map((f) => f.key)),
    rows: files.reduce((sum, f) => sum + f.rows, 0),
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    lastUpdated: discovered.committedAt ?? (newest || now),
    files,
    schemaVersion: schema.versions.at(-1)?.version ?? 0,
    versions: schema.versions,
    issues: schema.issues,
  };
  return { table, newVersion: schema.newVersion, newIssues: schema.newIssues };
}

async function readPrevious(catalog: Catalog, problems: string[]): Promise<readonly CatalogTable[]> {
  try {
    return (await catalog.read())?.tables ?? [];
  } catch (error: unknown) {
    if (!(error instanceof ShoplakeError) || error.code !== 'object_corrupt') throw error;
    // A damaged catalog is rebuilt from the buckets; only the schema history is lost.
    problems.push(error.message);
    return [];
  }
}
