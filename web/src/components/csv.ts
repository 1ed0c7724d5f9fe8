// Table rows as CSV (RFC 4180) for the download buttons. Text that a spreadsheet would run as
// a formula (shopper search terms are free text) is prefixed with an apostrophe.

import type { Cell, Row } from '../api/api-types.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One line per row under a header line, CRLF line ends. */
export function toCsv(columns: readonly { key: string; label: string }[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.label))];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.key] ?? null)));
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

/** A single CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
