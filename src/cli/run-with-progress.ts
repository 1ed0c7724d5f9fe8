// The pipeline runs behind `run`, `start`, `replay` and `dlq redrive`: a progress bar over the
// raw objects while the dispatcher works.

import type { Logger } from '../ports/logger.js';
import type { LocalEnvironment } from '../runtime/local-environment.js';
import { type RunPipelineSummary, runPipeline } from '../runtime/run-pipeline.js';
import { progressBar } from './progress-bar.js';

export interface ProgressHooks {
  readonly onPending: (objects: number) => void;
  readonly onProgress: (event: { readonly table: string; readonly objects: number }) => void;
}

/** Runs `work` with a progress bar fed by its hooks; the bar is gone when it resolves. */
export async function withObjectProgress<T>(work: (hooks: ProgressHooks) => Promise<T>): Promise<T> {
  let done = 0;
  let bar: ReturnType<typeof progressBar> | undefined;
  try {
    return await work({
      onPending: (total) => {
        bar = progressBar(total, 'objects');
      },
      onProgress: ({ table, objects }) => {
        done += objects;
        bar?.update(done, table);
      },
    });
  } finally {
    bar?.stop();
  }
}

export async function runWithProgress(
  env: LocalEnvironment,
  options: { readonly hmacKey: string; readonly logger: Logger; readonly publish: boolean },
): Promise<RunPipelineSummary> {
  return withObjectProgress((hooks) => runPipeline(env, { ...options, ...hooks }));
}
