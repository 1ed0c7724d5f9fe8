// The source schema of ../shared/contract/source-schema.sql as data, so that every stage
// (generator, export, validation, masking) derives its work from one description.

export const SOURCE_TABLE_NAMES = [
  'customers',
  'products',
  'orders',
  'order_items',
  'payments',
  'search_events',
] as const;
export type SourceTableName = (typeof SOURCE_TABLE_NAMES)[number];

export function isSourceTableName(value: string): value is SourceTableName {
  return (SOURCE_TABLE_NAMES as readonly string[]).includes(value);
}

export const COLUMN_TYPES = ['bigint', 'int', 'decimal', 'timestamp', 'date', 'string', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The engine (and Parquet) type of each column type, as the raw zone holds it. */
export const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  bigint: 'BIGINT',
  int: 'INTEGER',
  decimal: 'DECIMAL(12,2)',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
};

/** How a column is treated on its way out of raw (contract: "Sensitive data"). */
export type Sensitivity =
  | 'none'
  /** PAN: replaced by card_bin, card_last4, card_token. */
  | 'card_number'
  /** CVV: dropped. */
  | 'drop'
  /** SSN: replaced by ssn_last4, ssn_token. */
  | 'ssn'
  /** Email: replaced by email_masked, email_token. */
  | 'email'
  /** Names, phone, card holder, IP: replaced by <column>_token. */
  | 'token'
  /** Free text: card numbers, SSNs and emails inside are masked in place. */
  | 'free_text'
  /** Date of birth: generalised to birth_year. */
  | 'birth_date';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly sensitivity: Sensitivity;
  /** Closed set of values after trim + lower-case. */
  readonly enumValues?: readonly string[];
  /** Upper-cased code of this many letters (country, currency). */
  readonly letterCode?: 2 | 3;
  /** Must be > 0 (quantity) or >= 0 (money). */
  readonly range?: 'positive' | 'non_negative';
  /** An event time: must lie between 2000-01-01 and processing time + 1 day. */
  readonly eventTime?: boolean;
  /** A reference to another table's primary key (orphan warning when unseen). */
  readonly references?: SourceTableName;
}

export interface TableSpec {
  readonly name: SourceTableName;
  readonly primaryKey: string;
  readonly columns: readonly ColumnSpec[];
  /** Parents are curated before children, so orphan checks see them. */
  readonly processingOrder: number;
}

function col(
  name: string,
  type: ColumnType,
  extra: Partial<Omit<ColumnSpec, 'name' | 'type'>> = {},
): ColumnSpec {
  return { name, type, notNull: false, sensitivity: 'none', ...extra };
}
const required = { notNull: true } as const;

export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export const CHANNELS = ['web', 'mobile', 'store', 'marketplace'] as const;
export const PAYMENT_METHODS = ['card', 'paypal', 'bank_transfer', 'gift_card', 'wallet'] as const;
export const PAYMENT_STATUSES = ['authorized', 'captured', 'declined', 'refunded', 'chargeback'] as const;

export const SOURCE_TABLES: Readonly<Record<SourceTableName, TableSpec>> = {
  customers: {
    name: 'customers',
    primaryKey: 'customer_id',
    processingOrder: 0,
    columns: [
      col('customer_id', 'bigint', required),
      col('email', 'string', { ...required, sensitivity: 'email' }),
      col('first_name', 'string', { sensitivity: 'token' }),
      col('last_name', 'string', { sensitivity: 'token' }),
      col('phone', 'string', { sensitivity: 'token' }),
      col('ssn', 'string', { sensitivity: 'ssn' }),
      col('date_of_birth', 'date', { sensitivity: 'birth_date' }),
      col('country', 'string', { ...required, letterCode: 2 }),
      col('region', 'string'),
      col('city', 'string'),
      col('postal_code', 'string'),
      col('segment_hint', 'string', { sensitivity: 'free_text' }),
      col('created_at', 'timestamp', required),
      col('updated_at', 'timestamp', required),
    ],
  },
  products: {
    name: 'products',
    primaryKey: 'product_id',
    processingOrder: 0,
    columns: [
      col('product_id', 'bigint', required),
      col('sku', 'string', required),
      col('name', 'string', required),
      col('category', 'string', required),
      col('subcategory', 'string'),
      col('brand', 'string'),
      col('unit_price', 'decimal', { ...required, range: 'non_negative' }),
      col('unit_cost', 'decimal'),
      col('is_active', 'boolean', required),
      col('created_at', 'timestamp', required),
      col('updated_at', 'timestamp', required),
    ],
  },
  orders: {
    name: 'orders',
    primaryKey: 'order_id',
    processingOrder: 1,
    columns: [
      col('order_id', 'bigint', required),
      col('customer_id', 'bigint', { ...required, references: 'customers' }),
      col('order_ts', 'timestamp', { ...required, eventTime: true }),
      col('status', 'string', { ...required, enumValues: ORDER_STATUSES }),
      col('channel', 'string', { ...required, enumValues: CHANNELS }),
      col('currency', 'string', { ...required, letterCode: 3 }),
      col('country', 'string', { ...required, letterCode: 2 }),
      col('region', 'string'),
      col('subtotal_amount', 'decimal', { ...required, range: 'non_negative' }),
      col('discount_amount', 'decimal', required),
      col('shipping_amount', 'decimal', required),
      col('tax_amount', 'decimal', required),
      col('total_amount', 'decimal', { ...required, range: 'non_negative' }),
      col('ip_address', 'string', { sensitivity: 'token' }),
      col('notes', 'string', { sensitivity: 'free_text' }),
      col('updated_at', 'timestamp', required),
    ],
  },
  order_items: {
    name: 'order_items',
    primaryKey: 'order_item_id',
    processingOrder: 2,
    columns: [
      col('order_item_id', 'bigint', required),
      col('order_id', 'bigint', { ...required, references: 'orders' }),
      col('product_id', 'bigint', { ...required, references: 'products' }),
      col('quantity', 'int', { ...required, range: 'positive' }),
      col('unit_price', 'decimal', { ...required, range: 'non_negative' }),
      col('discount', 'decimal', required),
      col('updated_at', 'timestamp', required),
    ],
  },
  payments: {
    name: 'payments',
    primaryKey: 'payment_id',
    processingOrder: 2,
    columns: [
      col('payment_id', 'bigint', required),
      col('order_id', 'bigint', { ...required, references: 'orders' }),
      col('customer_id', 'bigint', { ...required, references: 'customers' }),
      col('payment_ts', 'timestamp', { ...required, eventTime: true }),
      col('method', 'string', { ...required, enumValues: PAYMENT_METHODS }),
      col('card_number', 'string', { sensitivity: 'card_number' }),
      col('card_cvv', 'string', { sensitivity: 'drop' }),
      col('card_expiry', 'string'),
      col('card_holder', 'string', { sensitivity: 'token' }),
      col('card_brand', 'string'),
      col('billing_country', 'string', { letterCode: 2 }),
      col('amount', 'decimal', { ...required, range: 'non_negative' }),
      col('currency', 'string', { ...required, letterCode: 3 }),
      col('status', 'string', { ...required, enumValues: PAYMENT_STATUSES }),
      col('ip_address', 'string', { sensitivity: 'token' }),
      col('device_id', 'string'),
      col('updated_at', 'timestamp', required),
    ],
  },
  search_events: {
    name: 'search_events',
    primaryKey: 'event_id',
    processingOrder: 0,
    columns: [
      col('event_id', 'bigint', required),
      col('session_id', 'string', required),
      col('customer_id', 'bigint'),
      col('event_ts', 'timestamp', { ...required, eventTime: true }),
      col('query_text', 'string', { ...required, sensitivity: 'free_text' }),
      col('results_count', 'int', required),
      col('clicked_product_id', 'bigint'),
      col('country', 'string', { letterCode: 2 }),
      col('updated_at', 'timestamp', required),
    ],
  },
};

/** Tables in the order that lets orphan checks see parents first. */
export function tablesInProcessingOrder(): TableSpec[] {
  return SOURCE_TABLE_NAMES.map((name) => SOURCE_TABLES[name]).sort(
    (a, b) => a.processingOrder - b.processingOrder,
  );
}
