// Runs CPU-heavy model training beside the event loop: a worker thread evaluates plain
// CommonJS source (so it needs neither a TypeScript loader under tsx nor a second entry point
// in the Lambda bundle) and posts back one answer. Packages are passed in as resolved paths.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Where `packageName` resolves from this module: what the worker source should require. */
export function resolvedPackage(packageName: string): string {
  return createRequire(import.meta.url).resolve(packageName);
}

/**
 * Starts `source` (which reads `workerData` and calls `parentPort.postMessage` once) and
 * resolves with its message. An uncaught error in the worker rejects with its message.
 */
export function runEvalWorker<T>(source: string, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    let settled = false;
    worker.once('message', (answer: T) => {
      settled = true;
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the worker thread exited with code ${code} before answering`));
    });
  });
}
