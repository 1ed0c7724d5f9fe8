// `--every 5m`: runs a task now and then at a fixed period, never two at once (a slow run
// delays the next instead of overlapping it), until the signal aborts. Locally this is the
// loop; in AWS an EventBridge schedule calls the same exportTables instead.

import { ShoplakeError } from '../../core/shoplake-error.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

/** '30s', '5m', '1h' (or a plain number of seconds) to milliseconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] || 's'] ?? 1000) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1000) {
    throw new ShoplakeError(
      'invalid_argument',
      `"${text}" is not an interval of at least 1s, such as 30s, 5m or 1h.`,
      {
        retryable: false,
      },
    );
  }
  return ms;
}

export interface ScheduleOptions {
  readonly signal?: AbortSignal;
  /** A failed run is reported here and the schedule goes on: the next run redoes its work. */
  readonly onError?: (error: unknown) => void;
}

/** Resolves once the signal aborts (after the run in progress, if any, ends). */
export async function runOnSchedule(
  intervalMs: number,
  task: () => Promise<void>,
  options: ScheduleOptions = {},
): Promise<void> {
  const { signal } = options;
  while (!signal?.aborted) {
    const started = Date.now();
    try {
      await task();
    } catch (error: unknown) {
      if (!options.onError) throw error;
      options.onError(error);
    }
    await sleep(Math.max(0, started + intervalMs - Date.now()), signal);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
