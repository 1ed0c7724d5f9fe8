// Reads a query's result as CSV batches, pausing the socket between batches so the server
// waits while the consumer works (bounded memory). Listens to mysql2's query events directly:
// a Readable per row costs more than the row, and mysql2 reports a lost connection only to
// the connection, which a plain query stream never hears about.
//
// Rows never become JS values: the query's row parser is replaced by a CsvRowTranscoder that
// copies each text-protocol row packet's bytes. mysql2 keeps its parser in `_rowParser` and
// calls `_rowParser.next(packet)` per row (3.x); if a release stops doing so, rows arrive as
// values instead and this fails loudly rather than exporting them some other way.

import type { Connection } from 'mysql2';
import type { CsvRowBatch } from '../../stages/export/source-database.js';
import { type CsvFieldKind, CsvRowTranscoder } from './csv-row-transcoder.js';

interface RowPacket {
  readonly buffer: Buffer;
  readonly offset: number;
  readonly end: number;
}

export interface CsvQuery {
  readonly sql: string;
  readonly values: readonly unknown[];
  /** How each field of a row is written. */
  readonly fields: readonly CsvFieldKind[];
  /** The field whose greatest value each batch reports. */
  readonly newestOf?: number;
}

export async function* queryCsvBatches(
  connection: Connection,
  query: CsvQuery,
  batchRows: number,
): AsyncGenerator<CsvRowBatch> {
  const transcoder = new CsvRowTranscoder(query.fields, query.newestOf);
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
  const running = connection.query({ sql: query.sql, values: [...query.values], rowsAsArray: true });
  const rowParser = {
    next(packet: RowPacket): undefined {
      transcoder.add(packet.buffer, packet.offset, packet.end);
      return undefined;
    },
  };
  Object.defineProperty(running, '_rowParser', {
    configurable: true,
    get: () => rowParser,
    set: () => {},
  });
  running.on('result', (row: unknown) => {
    if (row !== undefined) {
      fail(
        new Error('mysql2 parsed a row itself: this mysql2 version no longer lets the export read raw rows'),
      );
      return;
    }
    if (transcoder.rows >= batchRows) {
      connection.pause();
      signal();
    }
  });
  running.on('end', () => {
    ended = true;
    signal();
  });
  running.on('error', fail);
  connection.on('error', fail);
  try {
    for (;;) {
      if (failed) throw failure;
      if (transcoder.rows >= batchRows || (ended && transcoder.rows > 0)) {
        yield transcoder.take();
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
