// The catalog kept in the lake itself: one JSON object in the curated bucket, replaced
// atomically by each crawl (the object store's writes are all-or-nothing).

import { ShoplakeError } from '../../core/shoplake-error.js';
import { CURATED } from '../../core/zones.js';
import type { Catalog, CatalogSnapshot, CatalogTable } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';

export const CATALOG_KEY = '_catalog/catalog.json';

export class ObjectStoreCatalog implements Catalog {
  constructor(private readonly store: ObjectStore) {}

  async register(snapshot: CatalogSnapshot): Promise<void> {
    await this.store.put(CURATED, CATALOG_KEY, `${JSON.stringify(snapshot, null, 1)}\n`);
  }

  async read(): Promise<CatalogSnapshot | undefined> {
    if (!(await this.store.head(CURATED, CATALOG_KEY))) return undefined;
    const text = Buffer.from(await this.store.get(CURATED, CATALOG_KEY)).toString('utf8');
    try {
      const value = JSON.parse(text) as CatalogSnapshot;
      if (!Array.isArray(value.tables)) throw new Error('no tables array');
      return value;
    } catch (error: unknown) {
      throw new ShoplakeError(
        'object_corrupt',
        `The catalog ${CATALOG_KEY} in the curated zone is not valid; delete it and run \`shoplake catalog\` to rebuild it.`,
        { retryable: false, context: { key: CATALOG_KEY }, cause: error },
      );
    }
  }

  async list(): Promise<readonly CatalogTable[]> {
    return (await this.read())?.tables ?? [];
  }

  async describe(schema: string, name: string): Promise<CatalogTable | undefined> {
    const wanted = `${schema}.${name}`.toLowerCase();
    return (await this.list()).find((t) => `${t.schema}.${t.name}`.toLowerCase() === wanted);
  }
}
