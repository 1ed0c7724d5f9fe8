// CREATE TABLE statements for the contract's source tables, derived from SOURCE_TABLES. Only
// what the column specs cannot say (text widths, defaults, the unique SKU) is listed here;
// test/adapters/mysql checks the result against source-schema.sql column by column.

import { type ColumnSpec, type ColumnType, SOURCE_TABLES, type TableSpec } from '../../core/source-tables.js';
import { quoteIdentifier } from './mysql-column-type.js';

const TYPE_OF: Readonly<Record<ColumnType, string>> = {
  bigint: 'BIGINT',
  int: 'INT',
  decimal: 'DECIMAL(12,2)',
  timestamp: 'DATETIME(6)',
  date: 'DATE',
  string: 'TEXT',
  boolean: 'BOOLEAN',
};

/** Declared MySQL types of the text columns, `table.column` → type (source-schema.sql). */
const TEXT_TYPES: Readonly<Record<string, string>> = {
  'customers.email': 'VARCHAR(255)',
  'customers.first_name': 'VARCHAR(100)',
  'customers.last_name': 'VARCHAR(100)',
  'customers.phone': 'VARCHAR(40)',
  'customers.ssn': 'CHAR(11)',
  'customers.country': 'CHAR(2)',
  'customers.region': 'VARCHAR(64)',
  'customers.city': 'VARCHAR(100)',
  'customers.postal_code': 'VARCHAR(20)',
  'customers.segment_hint': 'VARCHAR(32)',
  'products.sku': 'VARCHAR(64)',
  'products.name': 'VARCHAR(255)',
  'products.category': 'VARCHAR(64)',
  'products.subcategory': 'VARCHAR(64)',
  'products.brand': 'VARCHAR(64)',
  'orders.status': 'VARCHAR(16)',
  'orders.channel': 'VARCHAR(16)',
  'orders.currency': 'CHAR(3)',
  'orders.country': 'CHAR(2)',
  'orders.region': 'VARCHAR(64)',
  'orders.ip_address': 'VARCHAR(45)',
  'orders.notes': 'TEXT',
  'payments.method': 'VARCHAR(16)',
  'payments.card_number': 'VARCHAR(32)',
  'payments.card_cvv': 'VARCHAR(4)',
  'payments.card_expiry': 'CHAR(5)',
  'payments.card_holder': 'VARCHAR(100)',
  'payments.card_brand': 'VARCHAR(16)',
  'payments.billing_country': 'CHAR(2)',
  'payments.currency': 'CHAR(3)',
  'payments.status': 'VARCHAR(16)',
  'payments.ip_address': 'VARCHAR(45)',
  'payments.device_id': 'VARCHAR(64)',
  'search_events.session_id': 'VARCHAR(64)',
  'search_events.query_text': 'VARCHAR(500)',
  'search_events.country': 'CHAR(2)',
};

const DEFAULTS: Readonly<Record<string, string>> = {
  'products.is_active': 'TRUE',
  'orders.discount_amount': '0',
  'orders.shipping_amount': '0',
  'orders.tax_amount': '0',
  'order_items.discount': '0',
};

const UNIQUE: ReadonlySet<string> = new Set(['products.sku']);

/** The MySQL type of a column of the given lake type (extra columns of a batch use it too). */
export function mysqlTypeOf(type: ColumnType): string {
  return TYPE_OF[type];
}

/**
 * @example
 * for (const sql of createSourceTableStatements()) await connection.query(sql);
 */
export function createSourceTableStatements(): string[] {
  return Object.values(SOURCE_TABLES).map(createTableStatement);
}

export function createTableStatement(spec: TableSpec): string {
  const columns = spec.columns.map((column) => columnDefinition(spec, column));
  return (
    `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(spec.name)} (\n  ${columns.join(',\n  ')}\n)` +
    ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'
  );
}

function columnDefinition(spec: TableSpec, column: ColumnSpec): string {
  const id = `${spec.name}.${column.name}`;
  const type = column.type === 'string' ? (TEXT_TYPES[id] ?? TYPE_OF.string) : TYPE_OF[column.type];
  const parts = [quoteIdentifier(column.name), type, column.notNull ? 'NOT NULL' : 'NULL'];
  const fallback = DEFAULTS[id];
  if (fallback !== undefined) parts.push(`DEFAULT ${fallback}`);
  if (column.name === spec.primaryKey) parts.push('PRIMARY KEY');
  if (UNIQUE.has(id)) parts.push('UNIQUE');
  return parts.join(' ');
}
