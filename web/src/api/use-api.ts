// Loading data for a component: one state per call (loading, error, ready), a newer call
// replacing an older one, and nothing set after the component is gone.

import { useEffect, useState } from 'preact/hooks';
import { runSql } from './api-client.js';
import { ApiError } from './api-error.js';
import type { QueryAnswer, Row } from './api-types.js';

export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T };

/** Runs `load` whenever `key` changes. */
export function useApi<T>(load: () => Promise<T>, key: string): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  // `key` stands for everything `load` reads, so it alone decides when to load again.
  useEffect(() => {
    let current = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => current && setValue({ state: 'ready', data }),
      (error: unknown) => current && setValue({ state: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return value;
}

/** The rows of a read-only query, keyed by column name. */
export function useRows(sql: string, limit?: number): Loadable<readonly Row[]> {
  return useApi(async () => records(await runSql(sql, limit)), `${limit ?? ''}|${sql}`);
}

/** Turns column-ordered rows into objects keyed by column name. */
export function records(answer: Pick<QueryAnswer, 'columns' | 'rows'>): Row[] {
  return answer.rows.map((row) => Object.fromEntries(answer.columns.map((c, i) => [c.name, row[i] ?? null])));
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error));
}
