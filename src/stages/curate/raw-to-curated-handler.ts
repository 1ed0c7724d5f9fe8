// raw-to-curated as a Lambda handler: `(S3Event, Context)` in, per-table results and the
// records that failed out. Locally the dispatcher calls it; in AWS the same function runs.

import type { Context, S3Event } from 'aws-lambda';
import { isDataKey, parseRawKey } from '../../core/raw-key.js';
import { objectRefOf } from '../../core/s3-event.js';
import { errorMessage, isRetryable, ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLES, type SourceTableName, tablesInProcessingOrder } from '../../core/source-tables.js';
import { bucketFromName, RAW } from '../../core/zones.js';
import type { EngineFactory } from '../../ports/engine.js';
import type { Logger } from '../../ports/logger.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { CurateRules } from './curate-rules.js';
import { type CurateStep, type CurateTableResult, curateTable, type RawObjectRef } from './curate-table.js';
import { hmacTokenMacroSql } from './masking/hmac-token.js';
import { maskFreeText } from './masking/mask-free-text.js';
import { HMAC_TOKEN_MACRO } from './masking-sql.js';
import { qualityReport, writeQualityReport } from './quality-report.js';
import { MASK_TEXT_FUNCTION } from './validation-sql.js';

export interface RawToCuratedDeps {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly hmacKey: string;
  readonly bucketPrefix: string;
  readonly rowsPerFile: number;
  readonly logger: Logger;
  readonly onStep?: (table: SourceTableName, step: CurateStep) => void | Promise<void>;
  /** Validation thresholds (config `curate.*`); default the contract's. */
  readonly rules?: CurateRules;
  /**
   * Replay: derive every object of an event again, even one already merged, replacing the
   * rows it gave before (after a rule change). Off for the event-driven handler.
   */
  readonly rederive?: boolean;
}

export interface RecordFailure {
  /** The raw object key. */
  readonly itemIdentifier: string;
  readonly error: string;
  readonly code: string;
  readonly retryable: boolean;
}

export interface RawToCuratedResult {
  readonly runId: string;
  readonly tables: readonly CurateTableResult[];
  /** Records to retry or dead-letter (same name as Lambda's partial batch response). */
  readonly batchItemFailures: readonly RecordFailure[];
}

export type RawToCuratedHandler = (event: S3Event, context: Context) => Promise<RawToCuratedResult>;

export function createRawToCuratedHandler(deps: RawToCuratedDeps): RawToCuratedHandler {
  return async (event, context) => {
    const runId = context.awsRequestId;
    const log = deps.logger.child({ runId, handler: 'raw-to-curated' });
    const failures: RecordFailure[] = [];
    const fail = (key: string, error: unknown) => {
      failures.push({
        itemIdentifier: key,
        error: maskFreeText(errorMessage(error)),
        code: error instanceof ShoplakeError ? error.code : 'handler_failed',
        retryable: isRetryable(error),
      });
    };

    const byTable = new Map<SourceTableName, string[]>();
    for (const record of event.Records) {
      const { bucketName, key } = objectRefOf(record);
      const bucket = bucketFromName(deps.bucketPrefix, bucketName);
      if (bucket?.zone !== 'raw') {
        fail(
          key,
          new ShoplakeError(
            'invalid_argument',
            `Event for bucket ${bucketName}, which is not the raw bucket.`,
            { retryable: false },
          ),
        );
        continue;
      }
      if (!isDataKey(key)) continue;
      const parsed = parseRawKey(key);
      if ('problem' in parsed) {
        fail(
          key,
          new ShoplakeError('invalid_key', `Raw object ${key} was not merged: ${parsed.problem}.`, {
            retryable: false,
          }),
        );
        continue;
      }
      byTable.set(parsed.table, [...(byTable.get(parsed.table) ?? []), key]);
    }

    const results: CurateTableResult[] = [];
    if (byTable.size === 0) return { runId, tables: results, batchItemFailures: failures };
    const engine = await deps.engines.open();
    try {
      engine.registerTextFunction(MASK_TEXT_FUNCTION, maskFreeText);
      await engine.run(hmacTokenMacroSql(deps.hmacKey, HMAC_TOKEN_MACRO));
      for (const spec of tablesInProcessingOrder()) {
        const keys = byTable.get(spec.name);
        if (!keys) continue;
        const started = Date.now();
        try {
          const refs = await objectRefs(deps.store, [...new Set(keys)].sort(), fail);
          const result = await curateTable(
            SOURCE_TABLES[spec.name],
            refs,
            { store: deps.store, engine },
            {
              runId,
              rowsPerFile: deps.rowsPerFile,
              onStep: deps.onStep ? (step) => deps.onStep?.(spec.name, step) : undefined,
              rules: deps.rules,
              rederive: deps.rederive ? new Set(refs.map((r) => r.key)) : undefined,
            },
          );
          for (const failure of result.failed) fail(failure.key, failure.error);
          if (result.objects.length > 0) {
            const report = qualityReport(runId, result);
            await writeQualityReport(deps.store, report);
          }
          results.push(result);
          log.info('curate.table.done', {
            table: spec.name,
            objects: result.objects.length,
            alreadyProcessed: result.alreadyProcessed.length,
            rowsIn: result.rowsIn,
            rowsKept: result.rowsKept,
            duplicatesDropped: result.duplicatesDropped,
            rejectedByRule: result.rejectedByRule,
            warningsByRule: result.warningsByRule,
            curatedRows: result.curatedRows,
            rowsRederived: result.rowsRederived,
            failed: result.failed.length,
            ms: Date.now() - started,
          });
        } catch (error) {
          log.error('curate.table.failed', { table: spec.name, error, ms: Date.now() - started });
          for (const key of keys) fail(key, error);
        }
      }
    } finally {
      await engine.close();
    }
    return { runId, tables: results, batchItemFailures: failures };
  };
}

async function objectRefs(
  store: ObjectStore,
  keys: readonly string[],
  fail: (key: string, error: unknown) => void,
): Promise<RawObjectRef[]> {
  const refs: RawObjectRef[] = [];
  for (const key of keys) {
    const info = await store.head(RAW, key);
    if (!info) {
      fail(
        key,
        new ShoplakeError(
          'object_not_found',
          `Raw object ${key} does not exist (deleted after its event?).`,
          { retryable: false, context: { key } },
        ),
      );
      continue;
    }
    refs.push({ key, etag: info.etag, landedAt: info.lastModified });
  }
  return refs;
}
