// Reads a query's result in batches of rows, pausing the socket between batches so the server
// waits while the consumer works (bounded memory). Listens to mysql2's query events directly:
// a Readable per row costs more than parsing the row, and mysql2 reports a lost connection
// only to the connection, which a plain query stream never hears about.

import type { Connection, QueryOptions } from 'mysql2';

export async function* queryRowBatches<Row>(
  connection: Connection,
  options: QueryOptions,
  batchRows: number,
): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  let ended = false;
  let failed = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    failure = error;
    signal();
  };
  const query = connection.query(options);
  query.on('result', (row) => {
    batch.push(row as Row);
    if (batch.length >= batchRows) {
      connection.pause();
      signal();
    }
  });
  query.on('end', () => {
    ended = true;
    signal();
  });
  query.on('error', fail);
  connection.on('error', fail);
  try {
    for (;;) {
      if (failed) throw failure;
      if (batch.length >= batchRows || (ended && batch.length > 0)) {
        const full = batch;
        batch = [];
        yield full;
        connection.resume();
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    connection.off('error', fail);
  }
}
