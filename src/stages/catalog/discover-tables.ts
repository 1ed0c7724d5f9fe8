// Finds a bucket's tables and the files that make them up: the `_state/<table>.json` commit
// manifests when the bucket has any (so half-written or superseded files are never seen),
// else every `<table>/**/*.parquet` outside `_`-prefixed folders.

import type { BucketRef } from '../../core/zones.js';
import type { ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { sqlSchemaName } from './sql-schema-name.js';

export const MANIFEST_PREFIX = '_state/';

export interface DiscoveredTable {
  readonly bucket: BucketRef;
  readonly schema: string;
  readonly name: string;
  readonly source: 'manifest' | 'listing';
  /** The table's Parquet objects, in key order. */
  readonly files: readonly ObjectInfo[];
  /** The manifest's commit time, when there is one. */
  readonly committedAt?: string;
}

export interface DiscoveredBucket {
  readonly tables: readonly DiscoveredTable[];
  /** Manifests or files that could not be used, with why; the rest of the bucket still counts. */
  readonly problems: readonly string[];
}

export async function discoverTables(store: ObjectStore, bucket: BucketRef): Promise<DiscoveredBucket> {
  const schema = sqlSchemaName(bucket);
  if (schema === undefined) return { tables: [], problems: [] };
  const problems: string[] = [];
  const manifests: { name: string; keys: string[]; committedAt?: string }[] = [];
  for await (const object of store.list(bucket, MANIFEST_PREFIX)) {
    const rest = object.key.slice(MANIFEST_PREFIX.length);
    if (rest.includes('/') || !rest.endsWith('.json')) continue;
    const parsed = parseManifest(Buffer.from(await store.get(bucket, object.key)).toString('utf8'));
    if (typeof parsed === 'string') problems.push(`${schema}: ${object.key} ${parsed}`);
    else manifests.push({ name: parsed.table ?? rest.slice(0, -'.json'.length), ...parsed });
  }
  if (manifests.length === 0) return { tables: await listedTables(store, bucket, schema), problems };
  const tables: DiscoveredTable[] = [];
  for (const manifest of manifests) {
    const files: ObjectInfo[] = [];
    for (const key of [...manifest.keys].sort()) {
      const info = await store.head(bucket, key);
      if (info) files.push(info);
      else problems.push(`${schema}.${manifest.name}: ${key} is named in the manifest but missing`);
    }
    tables.push({
      bucket,
      schema,
      name: manifest.name,
      source: 'manifest',
      files,
      committedAt: manifest.committedAt,
    });
  }
  return { tables, problems };
}

function parseManifest(text: string): { table?: string; keys: string[]; committedAt?: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (typeof value !== 'object' || value === null) return 'is not a JSON object';
  const { table, files, committedAt } = value as Record<string, unknown>;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) return 'has no "files" list';
  return {
    table: typeof table === 'string' && table !== '' ? table : undefined,
    keys: files as string[],
    committedAt: typeof committedAt === 'string' ? committedAt : undefined,
  };
}

async function listedTables(
  store: ObjectStore,
  bucket: BucketRef,
  schema: string,
): Promise<DiscoveredTable[]> {
  const byTable = new Map<string, ObjectInfo[]>();
  for await (const object of store.list(bucket)) {
    const [first] = object.key.split('/');
    if (!first || first === object.key || first.startsWith('_') || first.startsWith('.')) continue;
    if (!object.key.endsWith('.parquet')) continue;
    const files = byTable.get(first) ?? [];
    files.push(object);
    byTable.set(first, files);
  }
  return [...byTable].map(([name, files]) => ({ bucket, schema, name, source: 'listing' as const, files }));
}
