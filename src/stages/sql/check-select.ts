// The SQL guard: walks DuckDB's own parse tree (json_serialize_sql) and accepts one SELECT
// that reads catalog tables only. Everything it does not know is refused, so a construct
// added to DuckDB later is closed until someone looks at it.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { CatalogTable } from '../../ports/catalog.js';
import { ALLOWED_TABLE_FUNCTIONS, deniedFunctionReason } from './sql-function-policy.js';

const QUERY_NODES: ReadonlySet<string> = new Set([
  'SELECT_NODE',
  'SET_OPERATION_NODE',
  'RECURSIVE_CTE_NODE',
  'CTE_NODE',
]);

/** Table references the guard understands; SHOW_REF and the internal ones are not among them. */
const TABLE_REFS: ReadonlySet<string> = new Set([
  'BASE_TABLE',
  'JOIN',
  'SUBQUERY',
  'EMPTY',
  'EXPRESSION_LIST',
  'PIVOT',
  'TABLE_FUNCTION',
]);

/** Every `type` a table reference can carry, recognised anywhere in the tree. */
const ANY_TABLE_REF: ReadonlySet<string> = new Set([
  ...TABLE_REFS,
  'SHOW_REF',
  'COLUMN_DATA',
  'DELIM_GET',
  'CTE',
  'BOUND_TABLE_REF',
]);

const EXPRESSION_CLASSES: ReadonlySet<string> = new Set([
  'BETWEEN',
  'CASE',
  'CAST',
  'COLLATE',
  'COLUMN_REF',
  'COMPARISON',
  'CONJUNCTION',
  'CONSTANT',
  'DEFAULT',
  'FUNCTION',
  'LAMBDA',
  'LAMBDA_REF',
  'OPERATOR',
  'POSITIONAL_REFERENCE',
  'STAR',
  'SUBQUERY',
  'WINDOW',
]);

type Node = Readonly<Record<string, unknown>>;

/** CTE names visible at a point of the tree (lower-case: identifiers are case-insensitive). */
type Scope = ReadonlySet<string>;

export interface CheckSelectOptions {
  /** Metadata relations (`information_schema.tables`, lower-case) the query may read besides the catalog's tables. */
  readonly metadata?: ReadonlySet<string>;
}

export interface CheckedSelect {
  /** The catalog tables the query reads. */
  readonly tables: CatalogTable[];
  /** The metadata relations it reads, as `schema.relation`. */
  readonly metadata: string[];
}

/**
 * Throws `sql_refused` (or `sql_invalid` for a syntax error) unless `tree` is one SELECT over
 * `tables` (and the allowed metadata relations); returns what it reads.
 *
 * @example
 * const { tables } = checkSelect(await sql.parse(text), catalog.tables);
 */
export function checkSelect(
  tree: unknown,
  tables: readonly CatalogTable[],
  options: CheckSelectOptions = {},
): CheckedSelect {
  const statement = singleStatement(tree);
  const guard = new Guard(tables, options.metadata ?? new Set());
  try {
    guard.visit(statement, new Set());
  } catch (error: unknown) {
    if (error instanceof RangeError) refuse('the query is nested too deeply');
    throw error;
  }
  return { tables: [...guard.used], metadata: [...guard.metadataUsed] };
}

function singleStatement(tree: unknown): unknown {
  if (!isNode(tree)) refuse('the parser gave no answer');
  if (tree.error === true) {
    const message = String(tree.error_message ?? 'unknown parser error');
    // DuckDB can only serialise SELECTs: anything else (COPY, ATTACH, SET, PRAGMA, DDL, DML) lands here.
    if (message.includes('Only SELECT statements')) {
      refuse(
        'only SELECT queries are allowed (no COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, CALL, DDL or DML; one statement per request)',
      );
    }
    throw new ShoplakeError('sql_invalid', `The SQL does not parse: ${message}`, { retryable: false });
  }
  const statements = tree.statements;
  if (!Array.isArray(statements) || statements.length === 0) refuse('there is no statement to run');
  if (statements.length > 1) refuse(`exactly one statement is allowed, this text has ${statements.length}`);
  return statements[0];
}

class Guard {
  readonly used = new Set<CatalogTable>();
  readonly metadataUsed = new Set<string>();
  private readonly byName = new Map<string, CatalogTable>();

  constructor(
    tables: readonly CatalogTable[],
    private readonly metadata: ReadonlySet<string>,
  ) {
    for (const table of tables) this.byName.set(`${table.schema}.${table.name}`.toLowerCase(), table);
  }

  visit(value: unknown, scope: Scope): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope);
      return;
    }
    if (!isNode(value)) return;
    if (typeof value.class === 'string') this.expression(value, scope);
    else if (typeof value.type === 'string' && value.type.endsWith('_NODE')) this.queryNode(value, scope);
    else if (typeof value.type === 'string' && ANY_TABLE_REF.has(value.type)) this.tableRef(value, scope);
    else this.visitFields(value, scope);
  }

  private visitFields(node: Node, scope: Scope, skip: ReadonlySet<string> = new Set()): void {
    for (const [key, child] of Object.entries(node)) {
      if (skip.has(key)) continue;
      if (key === 'from_table') this.tableRef(child, scope);
      else this.visit(child, scope);
    }
  }

  private queryNode(node: Node, outer: Scope): void {
    const type = String(node.type);
    if (!QUERY_NODES.has(type)) refuse(`the query form ${type} is not supported`);
    let scope = new Set(outer);
    // A recursive CTE's own name is visible inside it; a plain CTE sees only the ones before it.
    const self = node.cte_name ?? node.ctename;
    if (type === 'RECURSIVE_CTE_NODE' && typeof self === 'string') scope.add(self.toLowerCase());
    for (const entry of cteEntries(node)) {
      this.visit(entry.definition, scope);
      scope = new Set(scope).add(entry.name.toLowerCase());
    }
    this.visitFields(node, scope, new Set(['cte_map']));
  }

  private tableRef(value: unknown, scope: Scope): void {
    if (!isNode(value) || typeof value.type !== 'string')
      refuse('a FROM clause the guard does not understand');
    const type = value.type;
    if (type === 'SHOW_REF')
      refuse(
        'DESCRIBE, SHOW and SUMMARIZE are not supported; `shoplake catalog` or GET /api/catalog lists tables and columns',
      );
    if (!TABLE_REFS.has(type)) refuse(`the table reference ${type} is not supported`);
    if (type === 'BASE_TABLE') {
      this.baseTable(value, scope);
      return;
    }
    if (type === 'TABLE_FUNCTION') this.tableFunction(value);
    for (const [key, child] of Object.entries(value)) {
      // Both sides of a join and a pivot's source are table references themselves.
      if (key === 'left' || key === 'right' || key === 'source') this.tableRef(child, scope);
      else this.visit(child, scope);
    }
  }

  private baseTable(ref: Node, scope: Scope): void {
    const catalog = String(ref.catalog_name ?? '');
    const schema = String(ref.schema_name ?? '');
    const name = String(ref.table_name ?? '');
    if (catalog !== '') refuse(`"${catalog}.${schema}.${name}": database-qualified names are not allowed`);
    if (schema === '') {
      if (!scope.has(name.toLowerCase())) {
        refuse(
          `"${name}" is neither a CTE nor a catalog table; name tables as schema.table (curated.orders, market_intelligence_hub.daily_sales)`,
        );
      }
      this.visitFields(ref, scope, new Set(['table_name']));
      return;
    }
    const qualified = `${schema}.${name}`.toLowerCase();
    if (this.metadata.has(qualified)) {
      this.metadataUsed.add(qualified);
      this.visitFields(ref, scope, new Set(['table_name', 'schema_name']));
      return;
    }
    const table = this.byName.get(qualified);
    if (!table) refuse(`"${schema}.${name}" is not a table in the catalog; \`shoplake catalog\` lists them`);
    this.used.add(table);
    this.visitFields(ref, scope, new Set(['table_name', 'schema_name']));
  }

  private tableFunction(ref: Node): void {
    const fn = ref.function;
    const name = isNode(fn) ? String(fn.function_name ?? '').toLowerCase() : '';
    if (!ALLOWED_TABLE_FUNCTIONS.has(name)) {
      refuse(`the table function ${name || '(unknown)'}() is not allowed: queries read catalog tables only`);
    }
  }

  private expression(node: Node, scope: Scope): void {
    const kind = String(node.class);
    if (kind === 'PARAMETER') refuse('query parameters ($1, ?) are not supported');
    if (!EXPRESSION_CLASSES.has(kind)) refuse(`the expression ${kind} is not supported`);
    if (kind === 'FUNCTION') {
      const reason = deniedFunctionReason(String(node.function_name ?? ''));
      if (reason) refuse(reason);
    }
    this.visitFields(node, scope);
  }
}

function cteEntries(node: Node): { name: string; definition: unknown }[] {
  const map = isNode(node.cte_map) ? node.cte_map.map : undefined;
  if (map === undefined) return [];
  if (!Array.isArray(map)) refuse('a WITH clause the guard does not understand');
  return map.map((entry: unknown) => {
    if (!isNode(entry) || typeof entry.key !== 'string')
      refuse('a WITH clause the guard does not understand');
    return { name: entry.key, definition: entry.value };
  });
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reason: string): never {
  throw new ShoplakeError('sql_refused', `Query refused: ${reason}.`, { retryable: false });
}
