// The pipeline run behind `run` and `start`: a progress bar over the raw objects while the
// dispatcher works.

import type { Logger } from '../ports/logger.js';
import type { LocalEnvironment } from '../runtime/local-environment.js';
import { type RunPipelineSummary, runPipeline } from '../runtime/run-pipeline.js';
import { progressBar } from './progress-bar.js';

export async function runWithProgress(
  env: LocalEnvironment,
  options: { readonly hmacKey: string; readonly logger: Logger; readonly publish: boolean },
): Promise<RunPipelineSummary> {
  let done = 0;
  let bar: ReturnType<typeof progressBar> | undefined;
  try {
    return await runPipeline(env, {
      ...options,
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
