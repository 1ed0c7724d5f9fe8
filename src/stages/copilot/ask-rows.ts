// The rows of a query answer as the copilot returns them: exact integers and decimals, which the
// SQL layer sends as strings, become JSON numbers (the values an analyst compares); anything
// nested becomes its JSON text.

import type { JsonValue } from '../../ports/sql-engine.js';
import type { QueryAnswer } from '../sql/run-query.js';
import type { AskCell } from './ask-answer.js';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL|FLOAT|DOUBLE|REAL)/i;

/** Columns and rows of `answer` as AskAnswer carries them. */
export function askRows(answer: Pick<QueryAnswer, 'columns' | 'rows'>): {
  columns: { name: string; type: string }[];
  rows: AskCell[][];
} {
  const numeric = answer.columns.map((c) => NUMERIC.test(c.type));
  return {
    columns: answer.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: answer.rows.map((row) => row.map((value, i) => cellOf(value, numeric[i] === true))),
  };
}

function cellOf(value: JsonValue, numeric: boolean): AskCell {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (!numeric) return value;
    const n = Number(value);
    // Beyond 2^53 a JSON number would lose digits: keep the exact text.
    return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : value;
  }
  return JSON.stringify(value);
}
