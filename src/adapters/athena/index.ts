// The Athena adapter of the SQL port: import it from here.

export { isHeaderRow, jsonValueOf, sqlColumnOf } from './athena-result-values.js';
export { AthenaSqlEngine, type AthenaSqlEngineOptions } from './athena-sql-engine.js';
export { athenaSql } from './athena-table-names.js';
