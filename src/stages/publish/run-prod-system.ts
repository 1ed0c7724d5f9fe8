// Runs one prod system in its own engine session and publishes its tables. A system that
// throws has written nothing (its tables are built in the engine before any file is written);
// a table whose write fails keeps its previous version. Either way the failure is returned,
// masked, never thrown, so the other systems still run.

import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { SystemName } from '../../core/zones.js';
import type { Engine, EngineFactory } from '../../ports/engine.js';
import type { Logger } from '../../ports/logger.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ProdSystem, SystemOutput } from '../../systems/prod-system.js';
import { maskFreeText } from '../curate/masking/mask-free-text.js';
import type { CuratedView } from './with-curated-view.js';
import { type PublishStep, type WrittenProdTable, writeProdTable } from './write-prod-table.js';

export const SYSTEM_RUN_STATUSES = ['published', 'failed'] as const;
export type SystemRunStatus = (typeof SYSTEM_RUN_STATUSES)[number];

export interface SystemRunResult {
  readonly system: SystemName;
  readonly status: SystemRunStatus;
  /** Tables committed by this run, with their row counts. */
  readonly tables: readonly WrittenProdTable[];
  readonly durationMs: number;
  /** Masked error message when `status` is `failed`. */
  readonly error?: string;
  readonly errorCode?: string;
  /** The table being written when it failed; undefined when the system itself threw. */
  readonly failedTable?: string;
}

export interface RunProdSystemDeps {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly logger: Logger;
  readonly view: CuratedView;
  readonly asOf: string;
  readonly runId: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly onStep?: (system: SystemName, table: string, step: PublishStep) => void | Promise<void>;
}

export async function runProdSystem(system: ProdSystem, deps: RunProdSystemDeps): Promise<SystemRunResult> {
  const started = Date.now();
  const log = deps.logger.child({ system: system.name });
  const written: WrittenProdTable[] = [];
  let current: string | undefined;
  let engine: Engine | undefined;
  try {
    engine = await deps.engines.open();
    const outputs = await system.run({
      engine,
      curated: (table) => deps.view.relation(table),
      curatedFiles: (prefix) => deps.view.files(prefix),
      asOf: deps.asOf,
      runId: deps.runId,
      logger: log,
      settings: deps.settings,
    });
    checkOutputs(system, outputs);
    for (const output of outputs) {
      current = output.table;
      const table = await writeProdTable(engine, deps.store, output, {
        system: system.name,
        runId: deps.runId,
        onStep: deps.onStep ? (name, step) => deps.onStep?.(system.name, name, step) : undefined,
      });
      written.push(table);
      log.info('publish.table.done', {
        table: table.table,
        rows: table.rows,
        files: table.files.length,
        version: table.version,
      });
    }
    return { system: system.name, status: 'published', tables: written, durationMs: Date.now() - started };
  } catch (error: unknown) {
    log.error('publish.system.failed', { table: current, error });
    return {
      system: system.name,
      status: 'failed',
      tables: written,
      durationMs: Date.now() - started,
      error: maskFreeText(errorMessage(error)),
      errorCode: error instanceof ShoplakeError ? error.code : 'handler_failed',
      failedTable: current,
    };
  } finally {
    // A session that will not close must not turn a published system into a failed one.
    await engine?.close().catch((error: unknown) => log.warn('publish.engine.close_failed', { error }));
  }
}

/** A system publishes exactly the tables it declares, each once; checked before anything is written. */
function checkOutputs(system: ProdSystem, outputs: readonly SystemOutput[]): void {
  const names = outputs.map((o) => o.table);
  const missing = system.tables.filter((t) => !names.includes(t));
  const unknown = names.filter((t) => !system.tables.includes(t));
  const repeated = names.filter((t, i) => names.indexOf(t) !== i);
  if (missing.length + unknown.length + repeated.length === 0) return;
  throw new ShoplakeError(
    'schema_mismatch',
    `System ${system.name} returned tables that do not match its declaration (missing: ${missing.join(', ') || '-'}; undeclared: ${unknown.join(', ') || '-'}; repeated: ${repeated.join(', ') || '-'}); fix its run() or its tables list.`,
    { retryable: false, context: { system: system.name } },
  );
}
