// compliance_report: every check, run over the lake as it is now, on every run.

import { SOURCE_TABLE_NAMES } from '../../../core/source-tables.js';
import type { SystemContext, SystemOutput } from '../../prod-system.js';
import type { CheckResult } from './compliance-check.js';
import { checkHmacKey, checkLineage } from './configuration-checks.js';
import { curatedDataFiles, quarantineFiles } from './curated-files.js';
import { checkMaskingCoverage } from './masking-coverage-checks.js';
import { checkQuarantine } from './quarantine-checks.js';
import { checkCuratedColumns, checkCuratedFiles, checkProdTables } from './sensitive-data-checks.js';

export const COMPLIANCE_REPORT = 'cg_compliance_report';

/** `published` are this system's other tables, scanned before they are written. */
export async function createComplianceReportTable(
  context: SystemContext,
  system: string,
  published: readonly SystemOutput[],
  checkedAt: string,
): Promise<string> {
  const { engine } = context;
  const quarantine = quarantineFiles(context);
  const checks: CheckResult[] = [
    await checkCuratedFiles(engine, curatedDataFiles(context), quarantine),
    await checkCuratedColumns(engine, context, SOURCE_TABLE_NAMES),
    await checkProdTables(engine, system, published),
    ...(await checkMaskingCoverage(context)),
    ...(await checkQuarantine(context, quarantine)),
    checkHmacKey(context.settings),
    await checkLineage(context, SOURCE_TABLE_NAMES),
  ];
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${COMPLIANCE_REPORT} ("check" VARCHAR, status VARCHAR, detail VARCHAR, checked_at TIMESTAMP, scope DOUBLE)`,
  );
  await engine.append(
    COMPLIANCE_REPORT,
    checks.map((c) => [c.check, c.status, c.detail, checkedAt, c.scope ?? null]),
  );
  return COMPLIANCE_REPORT;
}
