// Rewrites the lake's table names to Glue's in the SQL text Athena runs: `curated.orders`
// becomes `"<database>"."curated__orders"`, and a column qualified with the table
// (`curated.orders.status`) becomes `"curated__orders".status`. Positions come from DuckDB's
// parse tree (byte offsets), so names inside strings and comments are never touched.

import { glueTableName } from '../../core/aws-names.js';
import { ShoplakeError } from '../../core/shoplake-error.js';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Node = Readonly<Record<string, unknown>>;

/**
 * `tables` are the `schema.name` (lower-case) the guard accepted; other references (CTEs,
 * metadata relations) stay as written.
 *
 * @example
 * athenaSql('SELECT count(*) FROM curated.orders', tree, new Set(['curated.orders']), 'acme_lake')
 * // → 'SELECT count(*) FROM "acme_lake"."curated__orders"'
 */
export function athenaSql(sql: string, tree: unknown, tables: ReadonlySet<string>, database: string): string {
  const bytes = Buffer.from(sql, 'utf8');
  const edits: Edit[] = [];
  walk(tree, (node) => {
    const at = location(node.query_location);
    if (at === undefined) return;
    if (node.type === 'BASE_TABLE' && node.schema_name && !node.catalog_name) {
      const schema = String(node.schema_name);
      const name = String(node.table_name);
      if (!tables.has(`${schema}.${name}`.toLowerCase())) return;
      const end = endOfNames(bytes, at, [schema, name]);
      edits.push({ start: at, end, text: `${quoted(database)}.${quoted(glueTableName(schema, name))}` });
    }
    const parts = node.class === 'COLUMN_REF' && Array.isArray(node.column_names) ? node.column_names : [];
    if (parts.length >= 3) {
      const [schema, name] = [String(parts[0]), String(parts[1])];
      if (!tables.has(`${schema}.${name}`.toLowerCase())) return;
      const end = endOfNames(bytes, at, [schema, name]);
      edits.push({ start: at, end, text: quoted(glueTableName(schema, name)) });
    }
  });
  edits.sort((a, b) => b.start - a.start);
  let out = bytes;
  for (const edit of edits) {
    out = Buffer.concat([
      out.subarray(0, edit.start),
      Buffer.from(edit.text, 'utf8'),
      out.subarray(edit.end),
    ]);
  }
  return out.toString('utf8');
}

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  visit(value as Node);
  for (const child of Object.values(value)) walk(child, visit);
}

// DuckDB marks "no position" with the largest 64-bit value.
function location(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Reads `a . b` (bare or quoted identifiers, blanks and comments between) at `start`; returns the end offset. */
function endOfNames(bytes: Buffer, start: number, expected: readonly string[]): number {
  let at = start;
  for (const [i, want] of expected.entries()) {
    if (i > 0) {
      at = skipBlanks(bytes, at);
      if (bytes[at] !== DOT) throw unmapped(expected);
      at = skipBlanks(bytes, at + 1);
    }
    const ident = readIdentifier(bytes, at);
    if (!ident || ident.name.toLowerCase() !== want.toLowerCase()) throw unmapped(expected);
    at = ident.end;
  }
  return at;
}

const DOT = 0x2e;
const QUOTE = 0x22;

function readIdentifier(bytes: Buffer, start: number): { name: string; end: number } | undefined {
  if (bytes[start] === QUOTE) {
    let at = start + 1;
    const chars: number[] = [];
    while (at < bytes.length) {
      if (bytes[at] === QUOTE) {
        if (bytes[at + 1] !== QUOTE) return { name: Buffer.from(chars).toString('utf8'), end: at + 1 };
        at += 1;
      }
      chars.push(bytes[at] ?? 0);
      at += 1;
    }
    return undefined;
  }
  let at = start;
  while (at < bytes.length && isIdentifierByte(bytes[at] ?? 0)) at += 1;
  return at > start ? { name: bytes.subarray(start, at).toString('utf8'), end: at } : undefined;
}

function isIdentifierByte(b: number): boolean {
  return (
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    b === 0x5f ||
    b === 0x24 ||
    b >= 0x80
  );
}

function skipBlanks(bytes: Buffer, start: number): number {
  let at = start;
  for (;;) {
    const b = bytes[at];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) at += 1;
    else if (b === 0x2d && bytes[at + 1] === 0x2d) {
      while (at < bytes.length && bytes[at] !== 0x0a) at += 1;
    } else if (b === 0x2f && bytes[at + 1] === 0x2a) {
      const close = bytes.indexOf('*/', at + 2);
      at = close < 0 ? bytes.length : close + 2;
    } else return at;
  }
}

function unmapped(names: readonly string[]): ShoplakeError {
  return new ShoplakeError(
    'sql_refused',
    `Query refused: the reference to ${names.join('.')} could not be mapped to its Glue table; write it as schema.table (curated.orders).`,
    { retryable: false },
  );
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
