// Evidence that no PAN, CVV or SSN (nor a clear e-mail) sits outside raw: every text value of
// every committed curated and quarantine file, the curated schemas, and this system's own
// prod tables before they are written.

import type { SourceTableName } from '../../../core/source-tables.js';
import type { Engine } from '../../../ports/engine.js';
import { type LeakFinding, scanParquetFiles } from '../../../stages/audit/scan-for-leaks.js';
import type { SystemContext, SystemOutput } from '../../prod-system.js';
import { type CheckResult, plural } from './compliance-check.js';
import { FORBIDDEN_COLUMN, relationColumns, scanRelationForLeaks } from './scan-relation-for-leaks.js';

const WHAT =
  'card numbers (Luhn-valid, 13–19 digits), SSNs (NNN-NN-NNNN) and clear e-mail addresses, and columns named like card_number, CVV or SSN';

function describeFindings(findings: readonly LeakFinding[]): string {
  return findings
    .slice(0, 5)
    .map((f) => `${shortName(f.file)}${f.column ? ` column ${f.column}` : ''}: ${f.sample}`)
    .join(' | ');
}

function shortName(file: string): string {
  const at = file.search(/(curated|prod)\//);
  return at >= 0 ? file.slice(at) : file;
}

export async function checkCuratedFiles(
  engine: Engine,
  dataFiles: ReadonlyMap<SourceTableName, readonly string[]>,
  quarantine: ReadonlyMap<string, readonly string[]> | undefined,
): Promise<CheckResult> {
  const files = [...[...dataFiles.values()].flat(), ...[...(quarantine?.values() ?? [])].flat()];
  if (files.length === 0) {
    return {
      check: 'no_sensitive_values_curated',
      status: 'warn',
      detail: 'No committed curated file was found to scan; run the pipeline first.',
      scope: 0,
    };
  }
  const findings = await scanParquetFiles(engine, files, 20);
  const scope = `${plural(files.length, 'committed Parquet file')} (${plural([...dataFiles.values()].flat().length, 'table file')}, ${quarantine ? plural([...quarantine.values()].flat().length, 'quarantine file') : 'quarantine not listed'})`;
  return findings.length === 0
    ? {
        check: 'no_sensitive_values_curated',
        status: 'pass',
        detail: `Scanned every text column of ${scope} for ${WHAT}: none found.`,
        scope: files.length,
      }
    : {
        check: 'no_sensitive_values_curated',
        status: 'fail',
        detail: `Found ${plural(findings.length, 'sensitive value')}${findings.length >= 20 ? ' (first 20)' : ''} in ${scope}: ${describeFindings(findings)}. Quarantine the files and re-curate from raw.`,
        scope: files.length,
      };
}

export async function checkProdTables(
  engine: Engine,
  system: string,
  outputs: readonly SystemOutput[],
): Promise<CheckResult> {
  const findings: LeakFinding[] = [];
  for (const output of outputs)
    findings.push(...(await scanRelationForLeaks(engine, `prod/${system}/${output.table}`, output.relation)));
  const scope = `${plural(outputs.length, 'table')} of ${system} (${outputs.map((o) => o.table).join(', ')}), checked in the engine before they are written`;
  return findings.length === 0
    ? {
        check: 'no_sensitive_values_prod',
        status: 'pass',
        detail: `Scanned every text column of ${scope} for ${WHAT}: none found. Other systems' prod buckets are not visible to this system.`,
        scope: outputs.length,
      }
    : {
        check: 'no_sensitive_values_prod',
        status: 'fail',
        detail: `Found ${plural(findings.length, 'sensitive value')} in ${scope}: ${describeFindings(findings)}.`,
        scope: outputs.length,
      };
}

export async function checkCuratedColumns(
  engine: Engine,
  context: SystemContext,
  tables: readonly SourceTableName[],
): Promise<CheckResult> {
  const offending: string[] = [];
  for (const table of tables) {
    for (const column of await relationColumns(engine, context.curated(table))) {
      if (FORBIDDEN_COLUMN.test(column.name)) offending.push(`${table}.${column.name}`);
    }
  }
  return offending.length === 0
    ? {
        check: 'no_clear_sensitive_columns',
        status: 'pass',
        detail: `None of the ${tables.length} curated tables has a column for clear card numbers, CVVs, SSNs, e-mails, names, phones, card holders, IP addresses or dates of birth; only their masked or tokenized forms.`,
        scope: tables.length,
      }
    : {
        check: 'no_clear_sensitive_columns',
        status: 'fail',
        detail: `Curated columns that must not exist past raw: ${offending.join(', ')}. Drop them and re-curate.`,
        scope: tables.length,
      };
}
