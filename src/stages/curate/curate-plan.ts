// The SQL for curating one batch of raw files of one table: parse, validate, mask, and the
// column order of the curated and quarantine outputs.

import type { TableSpec } from '../../core/source-tables.js';
import { decideExtraColumns, maskedColumn, maskedColumnNames, maskedText } from './masking-sql.js';
import { parseColumn } from './raw-column-parsing.js';
import { ident } from './sql-text.js';
import { type ValidationPlan, validationPlan } from './validation-sql.js';

export const META_COLUMNS = ['_source_key', '_ingested_at', '_row_hash'] as const;
export const QUARANTINE_META_COLUMNS = [
  '_reject_rule',
  '_reject_detail',
  '_source_key',
  '_rejected_at',
  '_row_hash',
] as const;

export interface CuratePlan {
  readonly validation: ValidationPlan;
  readonly extraColumns: readonly string[];
  readonly droppedColumns: readonly string[];
  /** SELECT over `read_parquet(...) r JOIN sources s`: parsed values, rule and detail per row. */
  readonly checkedSql: (rawRelation: string) => string;
  /** SELECT over `checked` (alias c): curated rows of this batch, masked, with `_row_hash`; `where` narrows the rows before masking. */
  readonly curatedRowsSql: (where?: string) => string;
  /** Names of the masked contract columns, in contract order. */
  readonly curatedColumns: readonly string[];
  /** SELECT over raw (alias r) joined to the rejected rows of `checked` (alias c), as masked text. */
  readonly quarantineRowsSql: (rawRelation: string) => string;
}

/** `rawTypes`: column name → engine type across the batch's files (DESCRIBE of the union). */
export function curatePlan(table: TableSpec, rawTypes: ReadonlyMap<string, string>): CuratePlan {
  const parsed = table.columns.map((spec) => parseColumn(spec, rawTypes.get(spec.name)));
  const validation = validationPlan(table, parsed);
  const curatedColumns = table.columns.flatMap(maskedColumnNames);
  const reserved = new Set(
    [...table.columns.map((c) => c.name), ...curatedColumns, ...META_COLUMNS, ...QUARANTINE_META_COLUMNS].map(
      (n) => n.toLowerCase(),
    ),
  );
  const contractNames = new Set(table.columns.map((c) => c.name));
  const extras = [...rawTypes.keys()].filter(
    (name) => !contractNames.has(name) && name !== 'filename' && name !== 'file_row_number',
  );
  const { kept, dropped } = decideExtraColumns(extras, reserved);
  const extraColumns = [...kept].sort();

  const checkedSql = (rawRelation: string) => {
    const inner = [
      ...validation.parsedSelect,
      ...extraColumns.map((name) => `CAST(r.${ident(name)} AS VARCHAR) AS ${ident(name)}`),
      's.source_key AS _source_key',
      's.landed_at AS _processed_at',
      'r.filename AS __file',
      'r.file_row_number AS __row',
    ];
    return (
      `SELECT *, CASE WHEN _reject_rule IS NOT NULL THEN ${validation.rejectDetailExpr} END AS _reject_detail FROM (` +
      `SELECT *, ${validation.rejectRuleExpr} AS _reject_rule FROM (` +
      `SELECT ${inner.join(', ')} FROM ${rawRelation} r JOIN sources s ON r.filename = s.path))`
    );
  };

  const curatedItems = [
    ...table.columns.flatMap((spec) => maskedColumn(spec, `c.${ident(spec.name)}`, false)),
    ...extraColumns.map((name) => `${maskedText(`c.${ident(name)}`)} AS ${ident(name)}`),
  ];
  const curatedNames = [...curatedColumns, ...extraColumns];
  const curatedRowsSql = (where = 'TRUE') =>
    `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
    `SELECT ${curatedItems.join(', ')}, c._source_key, c._processed_at AS _ingested_at ` +
    `FROM checked c WHERE c._reject_rule IS NULL AND (${where}))`;

  // Rejected rows are read again from the raw files, as text: the quarantine shows what arrived.
  const quarantineItems = [
    ...table.columns.flatMap((spec) =>
      maskedColumn(
        spec,
        rawTypes.has(spec.name) ? `CAST(r.${ident(spec.name)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)',
        true,
      ),
    ),
    ...extraColumns.map((name) => `${maskedText(`CAST(r.${ident(name)} AS VARCHAR)`)} AS ${ident(name)}`),
  ];
  const quarantineRowsSql = (rawRelation: string) =>
    `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
    `SELECT ${quarantineItems.join(', ')}, c._reject_rule, c._reject_detail, c._source_key, c._processed_at AS _rejected_at ` +
    `FROM ${rawRelation} r JOIN (SELECT * FROM checked WHERE _reject_rule IS NOT NULL) c ON r.filename = c.__file AND r.file_row_number = c.__row)`;

  return {
    validation,
    extraColumns,
    droppedColumns: dropped,
    checkedSql,
    curatedRowsSql,
    curatedColumns,
    quarantineRowsSql,
  };
}
