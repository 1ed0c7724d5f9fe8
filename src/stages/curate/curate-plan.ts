// The SQL for curating one batch of raw files of one table: parse, validate, mask, and the
// column order of the curated and quarantine outputs.

import type { TableSpec } from '../../core/source-tables.js';
import {
  decideExtraColumns,
  HMAC_TOKEN_MACRO,
  maskedColumn,
  maskedColumnNames,
  maskedText,
  tokenInputs,
} from './masking-sql.js';
import { parseColumn } from './raw-column-parsing.js';
import { ident } from './sql-text.js';
import { type ValidationPlan, validationPlan } from './validation-sql.js';

export const TOKEN_DICTIONARY = 'token_dictionary';
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
  readonly checkedSql: (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => string;
  /** SELECT over `checked` (alias c): curated rows of this batch, masked, with `_row_hash`; `where` narrows the rows before masking. */
  readonly curatedRowsSql: (where?: string) => string;
  /** SELECT (v, t) of every distinct value to tokenize in this batch, into `token_dictionary`; undefined when the table has none. */
  readonly tokenDictionarySql: string | undefined;
  /** Names of the masked contract columns, in contract order. */
  readonly curatedColumns: readonly string[];
  /** SELECT over raw (alias r) joined to the rejected rows of `checked` (alias c), as masked text. */
  readonly quarantineRowsSql: (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => string;
}

/** `rawTypes`: column name → engine type across the batch's files (DESCRIBE of the union). */
/**
 * `rawTypes`: column name → engine type over all files of the batch (for the extra columns).
 * Files are read in groups of one schema each (`groupTypes`), so a column that drifted to text
 * in one file is parsed from text only there.
 */
export function curatePlan(table: TableSpec, rawTypes: ReadonlyMap<string, string>): CuratePlan {
  const validationFor = (types: ReadonlyMap<string, string>) =>
    validationPlan(
      table,
      table.columns.map((spec) => parseColumn(spec, types.get(spec.name))),
    );
  const validation = validationFor(rawTypes);
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

  const rawText = (types: ReadonlyMap<string, string>, name: string) =>
    types.has(name) ? `CAST(r.${ident(name)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  const checkedSql = (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => {
    const group = validationFor(groupTypes);
    const inner = [
      ...group.parsedSelect,
      ...extraColumns.map((name) => `${rawText(groupTypes, name)} AS ${ident(name)}`),
      's.source_id AS __source',
      's.landed_at AS _processed_at',
      'r.file_row_number AS __row',
    ];
    return (
      `SELECT * EXCLUDE (_processed_at), CASE WHEN _reject_rule IS NOT NULL THEN ${group.rejectDetailExpr} END AS _reject_detail FROM (` +
      `SELECT *, ${group.rejectRuleExpr} AS _reject_rule FROM (` +
      `SELECT ${inner.join(', ')} FROM ${rawRelation} r JOIN sources s ON r.filename = s.path))`
    );
  };

  // HMAC costs four SHA-256 blocks per value; card numbers, names and IPs repeat across rows,
  // so each distinct value is tokenized once into a dictionary that the projection looks up.
  const inputs = table.columns.flatMap((spec) => tokenInputs(spec, `c.${ident(spec.name)}`, false));
  const tokenDictionarySql =
    inputs.length === 0
      ? undefined
      : `SELECT v, ${HMAC_TOKEN_MACRO}(v) AS t FROM (SELECT DISTINCT unnest([${inputs.join(', ')}]) AS v FROM checked c WHERE c._reject_rule IS NULL) WHERE v IS NOT NULL`;
  // One LEFT JOIN per token column (a plain hash join; a correlated lookup would cost a delim join each).
  const tokenJoins: string[] = [];
  const lookupToken = (input: string) => {
    const alias = `tk${tokenJoins.length}`;
    tokenJoins.push(`LEFT JOIN ${TOKEN_DICTIONARY} ${alias} ON ${alias}.v = ${input}`);
    return `${alias}.t`;
  };
  const curatedItems = [
    ...table.columns.flatMap((spec) => maskedColumn(spec, `c.${ident(spec.name)}`, false, lookupToken)),
    ...extraColumns.map((name) => `${maskedText(`c.${ident(name)}`)} AS ${ident(name)}`),
  ];
  const curatedNames = [...curatedColumns, ...extraColumns];
  const curatedRowsSql = (where = 'TRUE') =>
    `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
    `SELECT ${curatedItems.join(', ')}, s.source_key AS _source_key, s.landed_at AS _ingested_at ` +
    `FROM checked c JOIN sources s ON c.__source = s.source_id ${tokenJoins.join(' ')} WHERE c._reject_rule IS NULL AND (${where}))`;

  // Rejected rows are read again from the raw files, as text: the quarantine shows what arrived.
  const quarantineRowsSql = (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => {
    const items = [
      ...table.columns.flatMap((spec) => maskedColumn(spec, rawText(groupTypes, spec.name), true)),
      ...extraColumns.map((name) => `${maskedText(rawText(groupTypes, name))} AS ${ident(name)}`),
    ];
    return (
      `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
      `SELECT ${items.join(', ')}, c._reject_rule, c._reject_detail, s.source_key AS _source_key, s.landed_at AS _rejected_at ` +
      `FROM ${rawRelation} r JOIN sources s ON r.filename = s.path ` +
      `JOIN (SELECT * FROM checked WHERE _reject_rule IS NOT NULL) c ON s.source_id = c.__source AND r.file_row_number = c.__row)`
    );
  };

  return {
    validation,
    extraColumns,
    droppedColumns: dropped,
    checkedSql,
    curatedRowsSql,
    tokenDictionarySql,
    curatedColumns,
    quarantineRowsSql,
  };
}
