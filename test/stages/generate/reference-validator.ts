// An independent reading of the contract's validation rules, used to recount a generated
// world from its rows alone and compare with the generator's own ground truth.

import { type ColumnSpec, SOURCE_TABLES, type SourceTableName } from '../../../src/core/source-tables.js';
import type { ErrorRule, WarnRule } from '../../../src/core/validation-rules.js';
import type { BatchValue, WorldBatch } from '../../../src/stages/generate/world-batch.js';

export interface RowVerdict {
  readonly errors: ErrorRule[];
  readonly warnings: WarnRule[];
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_EVENT_MS = Date.UTC(2000, 0, 1);

/** Milliseconds since the epoch of a timestamp text, or undefined when it is not one. */
export function timestampMs(text: string): number | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo! - 1 ||
    back.getUTCDate() !== d ||
    h! > 23 ||
    mi! > 59 ||
    s! > 59
  )
    return undefined;
  return ms;
}

/** The value as its contract type would read it; undefined when it does not parse. */
export function parsed(spec: ColumnSpec, value: BatchValue): string | number | boolean | undefined {
  if (value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : value;
  switch (spec.type) {
    case 'bigint':
    case 'int':
      return typeof text === 'number'
        ? text
        : typeof text === 'bigint'
          ? Number(text)
          : INTEGER.test(String(text))
            ? Number(text)
            : undefined;
    case 'decimal':
      return DECIMAL.test(String(text)) ? Number(text) : undefined;
    case 'timestamp': {
      const ms = timestampMs(String(text));
      return ms === undefined
        ? undefined
        : new Date(ms).toISOString().slice(0, 19) + (/\.(\d+)/.exec(String(text))?.[0] ?? '');
    }
    case 'date':
      return DATE.test(String(text)) ? String(text) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    default:
      return String(value);
  }
}

export interface Parents {
  readonly customers: ReadonlySet<number>;
  readonly orders: ReadonlySet<number>;
  readonly products: ReadonlySet<number>;
}

/** Every error and warn rule the row breaks, read by the contract. */
export function checkRow(
  table: SourceTableName,
  batch: WorldBatch,
  row: readonly BatchValue[],
  parents?: Parents,
  nowMs = Date.now(),
): RowVerdict {
  const spec = SOURCE_TABLES[table];
  const errors = new Set<ErrorRule>();
  const warnings = new Set<WarnRule>();
  const valueAt = (name: string): BatchValue => row[batch.columns.findIndex((c) => c.name === name)] ?? null;
  for (const column of spec.columns) {
    const raw = valueAt(column.name);
    const value = parsed(column, raw);
    if (column.name === spec.primaryKey) {
      if (raw === null || value === undefined) errors.add('primary_key');
      continue;
    }
    if (raw === null) {
      if (column.notNull) errors.add('required_or_type');
      continue;
    }
    if (value === undefined) {
      errors.add('required_or_type');
      continue;
    }
    const text = String(raw).trim();
    if (column.enumValues && !column.enumValues.includes(text.toLowerCase())) errors.add('enum_value');
    if (column.range === 'positive' && Number(value) <= 0) errors.add('amount_range');
    if (column.range === 'non_negative' && Number(value) < 0) errors.add('amount_range');
    if (column.letterCode && !new RegExp(`^[A-Z]{${column.letterCode}}$`).test(text.toUpperCase()))
      errors.add('code_format');
    if (column.eventTime) {
      const ms = timestampMs(text)!;
      if (ms < MIN_EVENT_MS || ms > nowMs + 86_400_000) errors.add('event_time_range');
    }
    if (column.sensitivity === 'email') {
      const parts = text.split('@');
      if (parts.length !== 2 || !parts[1]!.includes('.')) warnings.add('email_format');
    }
    if (column.references && parents && !parents[column.references as keyof Parents].has(Number(value)))
      warnings.add('orphan_reference');
  }
  if (table === 'orders') {
    const cents = (name: string): number =>
      Math.round(
        Number(parsed(SOURCE_TABLES.orders.columns.find((c) => c.name === name)!, valueAt(name))) * 100,
      );
    const sum =
      cents('subtotal_amount') - cents('discount_amount') + cents('shipping_amount') + cents('tax_amount');
    if (Math.abs(sum - cents('total_amount')) > 1) warnings.add('total_mismatch');
  }
  return { errors: [...errors], warnings: [...warnings] };
}

/** The row's contract values as their types read them: equal keys mean an exact copy. */
export function contentKey(table: SourceTableName, batch: WorldBatch, row: readonly BatchValue[]): string {
  return JSON.stringify(
    SOURCE_TABLES[table].columns.map((column) => {
      const value = parsed(column, row[batch.columns.findIndex((c) => c.name === column.name)] ?? null);
      return value === undefined ? null : value;
    }),
  );
}

/** Luhn-valid card numbers (13–19 digits, spaces or dashes between) inside free text. */
export function pansIn(text: string): number {
  let count = 0;
  for (const match of text.matchAll(/\d(?:[ -]?\d){12,18}/g)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) count++;
  }
  return count;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function ssnsIn(text: string): number {
  return [...text.matchAll(/\b\d{3}-\d{2}-\d{4}\b/g)].length;
}

export function emailsIn(text: string): number {
  return [...text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)].length;
}
