// A catalog that registers into several: the primary keeps the whole snapshot (per-file
// detail, which the crawler needs to stay incremental) and answers reads; each mirror gets the
// same snapshot for its own readers (Glue for Athena).

import type { Catalog, CatalogSnapshot, CatalogTable } from '../../ports/catalog.js';

/**
 * @example
 * const catalog = new MirroredCatalog(new ObjectStoreCatalog(s3Store), [glueCatalog]);
 * await crawlCatalog({ store: s3Store, engines, catalog }); // lake object first, then Glue
 */
export class MirroredCatalog implements Catalog {
  constructor(
    private readonly primary: Catalog,
    private readonly mirrors: readonly Catalog[],
  ) {}

  /** The primary first: a failing mirror leaves the crawl recorded, and the next crawl mirrors it again. */
  async register(snapshot: CatalogSnapshot): Promise<void> {
    await this.primary.register(snapshot);
    for (const mirror of this.mirrors) await mirror.register(snapshot);
  }

  read(): Promise<CatalogSnapshot | undefined> {
    return this.primary.read();
  }

  list(): Promise<readonly CatalogTable[]> {
    return this.primary.list();
  }

  describe(schema: string, name: string): Promise<CatalogTable | undefined> {
    return this.primary.describe(schema, name);
  }
}
