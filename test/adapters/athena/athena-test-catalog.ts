// The catalog the Athena tests check queries against: tables known by name and columns only
// (Athena reads them in place, so they have no files).

import { CURATED, prodBucket } from '../../../src/core/zones.js';
import type { CatalogColumn, CatalogSnapshot, CatalogTable } from '../../../src/ports/catalog.js';

export function catalogTable(schema: string, name: string, columns: readonly CatalogColumn[]): CatalogTable {
  return {
    schema,
    name,
    bucket: schema === 'curated' ? CURATED : prodBucket('market-intelligence-hub'),
    source: 'manifest',
    columns,
    partitions: [],
    rows: 4,
    bytes: 1000,
    lastUpdated: '2026-01-02T03:04:05.000Z',
    files: [],
    schemaVersion: 1,
    versions: [],
    issues: [],
  };
}

const text = (...names: string[]) => names.map((name) => ({ name, type: 'VARCHAR' }));

export const ATHENA_TEST_CATALOG: CatalogSnapshot = {
  crawledAt: '2026-01-02T03:04:05.000Z',
  tables: [
    catalogTable('curated', 'orders', [
      { name: 'order_id', type: 'BIGINT' },
      { name: 'total_amount', type: 'DECIMAL(12,2)' },
      ...text('customer_id', 'status', 'order_ts'),
    ]),
    catalogTable('curated', 'customers', text('customer_id', 'country')),
    catalogTable('market_intelligence_hub', 'daily_sales', [
      { name: 'revenue', type: 'DOUBLE' },
      ...text('date', 'category', 'year'),
    ]),
  ],
};
