// Every committed table of the lake, from the commit manifests: the curated source tables and
// whatever each prod system has published. What status and freshness checks start from.

import { SOURCE_TABLE_NAMES } from '../core/source-tables.js';
import { prodBucket, SYSTEMS, type SystemName } from '../core/zones.js';
import type { ObjectStore } from '../ports/object-store.js';
import { readManifest, type TableManifest } from '../stages/curate/table-manifest.js';
import { PROD_STATE_PREFIX, readProdManifest } from '../stages/publish/prod-table-manifest.js';

export interface TableCommit {
  readonly zone: 'curated' | 'prod';
  readonly system?: SystemName;
  readonly table: string;
  readonly rows: number;
  readonly version: number;
  /** Null when the table was never committed. */
  readonly lastCommitAt: string | null;
  /** Curated only. */
  readonly quarantineRows?: number;
}

export interface LakeTables {
  readonly tables: readonly TableCommit[];
  /** The curated manifests, for what needs their files (quarantine counts, pending objects). */
  readonly curatedManifests: readonly TableManifest[];
}

/** Curated tables first (in source order, committed or not), then each system's published tables. */
export async function lakeTables(store: ObjectStore): Promise<LakeTables> {
  const curatedManifests = await Promise.all(SOURCE_TABLE_NAMES.map((t) => readManifest(store, t)));
  const tables: TableCommit[] = curatedManifests.map((m) => ({
    zone: 'curated',
    table: m.table,
    rows: m.rows,
    version: m.version,
    lastCommitAt: m.version > 0 ? m.committedAt : null,
    quarantineRows: m.quarantineRows,
  }));
  for (const system of SYSTEMS) {
    const names: string[] = [];
    for await (const object of store.list(prodBucket(system), PROD_STATE_PREFIX)) {
      const name = object.key.slice(PROD_STATE_PREFIX.length);
      if (!name.includes('/') && name.endsWith('.json')) names.push(name.slice(0, -'.json'.length));
    }
    for (const name of names) {
      const manifest = await readProdManifest(store, system, name);
      if (!manifest) continue;
      tables.push({
        zone: 'prod',
        system,
        table: manifest.table,
        rows: manifest.rows,
        version: manifest.version,
        lastCommitAt: manifest.committedAt,
      });
    }
  }
  return { tables, curatedManifests };
}
