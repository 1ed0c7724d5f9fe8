// Turns batches of CSV rows into Parquet files of at most `rowsPerFile` rows in bounded memory.
// Each file's rows stream to a scratch CSV file as the source's bytes; at the cut, the engine
// converts that CSV to Parquet in one COPY (its parallel CSV reader parses each column as its
// type) while the next file's rows stream in. Loading rows into a table first, or appending
// them value by value, cost more than the whole COPY: every value crossed into native code.
// Files stay in scratch until the caller publishes them, so a failed stream leaves nothing
// half-visible.

import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { CSV_CHUNK_DIALECT } from './csv-chunk-text.js';
import type { CsvRowBatch, SourceColumn } from './source-database.js';

export interface ParquetPartWriterOptions {
  /** Rows per Parquet file; the last file holds the rest. */
  readonly rowsPerFile: number;
}

interface CsvFile {
  readonly path: string;
  readonly stream: WriteStream;
  rows: number;
  /** A write error (disk full, ...), thrown at the next write; `finished` also reports it. */
  error?: Error;
}

export class ParquetPartWriter {
  private total = 0;
  private readonly parts: string[] = [];
  private csv: CsvFile | undefined;
  /** The previous file's COPY, running while the next file's rows arrive. */
  private copying: Promise<void> = Promise.resolve();
  private readonly scratchFiles = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly store: ObjectStore,
    private readonly columns: readonly SourceColumn[],
    private readonly options: ParquetPartWriterOptions,
  ) {}

  /** Rows written so far. */
  get rowCount(): number {
    return this.total;
  }

  /** Appends a batch, cut across files at their size. */
  async write(batch: CsvRowBatch): Promise<void> {
    const rows = batch.rowEnds.length;
    let offset = 0;
    while (offset < rows) {
      const csv = this.csv ?? (await this.openCsv());
      const take = Math.min(this.options.rowsPerFile - csv.rows, rows - offset);
      const from = offset === 0 ? 0 : batch.rowEnds[offset - 1]!;
      const to = batch.rowEnds[offset + take - 1]!;
      if (csv.error) throw csv.error;
      if (!csv.stream.write(batch.text.subarray(from, to))) await waitForDrain(csv.stream);
      csv.rows += take;
      this.total += take;
      offset += take;
      if (csv.rows >= this.options.rowsPerFile) await this.cutFile();
    }
  }

  /** Writes what is left and returns every file, in order. Empty when no row came. */
  async finish(): Promise<readonly string[]> {
    if (this.csv && this.csv.rows > 0) await this.cutFile();
    await this.copying;
    return [...this.parts];
  }

  /** Removes files not handed over (after a failure, or the caller's leftovers). */
  async discard(paths: readonly string[] = this.parts): Promise<void> {
    this.csv?.stream.destroy();
    this.csv = undefined;
    await this.copying.catch(() => undefined);
    await Promise.all([...paths, ...this.scratchFiles].map((path) => rm(path, { force: true })));
  }

  private async openCsv(): Promise<CsvFile> {
    const path = await this.store.scratchPath('.csv');
    this.scratchFiles.add(path);
    const csv: CsvFile = { path, stream: createWriteStream(path, { highWaterMark: 1 << 20 }), rows: 0 };
    csv.stream.on('error', (error) => {
      csv.error ??= error;
    });
    this.csv = csv;
    return csv;
  }

  /** Closes the current CSV and starts its COPY once the previous one is done. */
  private async cutFile(): Promise<void> {
    const csv = this.csv;
    if (!csv) return;
    this.csv = undefined;
    csv.stream.end();
    await finished(csv.stream);
    await this.copying;
    const parquet = await this.store.scratchPath('.parquet');
    this.parts.push(parquet);
    const part = this.parts.length;
    const copy = this.engine
      .run(this.copySql(csv.path, parquet))
      .catch((error: unknown) => {
        throw withoutSourceLine(error, this.columns, part);
      })
      .finally(async () => {
        await rm(csv.path, { force: true });
        this.scratchFiles.delete(csv.path);
      });
    // Its failure surfaces at the next await of `copying`; until then it must not count as unhandled.
    copy.catch(() => undefined);
    this.copying = copy;
  }

  // The reader parses each column as its type (faster than text then CAST, and the same
  // values); BLOB arrives as '\xHH' text, which only a CAST turns into bytes.
  private copySql(csvPath: string, parquetPath: string): string {
    const readAs = this.columns.map(
      (column, i) => `'c${i}': '${column.engineType === 'BLOB' ? 'VARCHAR' : column.engineType}'`,
    );
    const select = this.columns.map(
      (column, i) =>
        `${column.engineType === 'BLOB' ? `CAST(c${i} AS BLOB)` : `c${i}`} AS ${quoteEngineIdentifier(column.name)}`,
    );
    return `COPY (SELECT ${select.join(', ')}
              FROM read_csv('${sqlText(csvPath)}', columns = {${readAs.join(', ')}}, ${CSV_CHUNK_DIALECT}))
            TO '${sqlText(parquetPath)}' (FORMAT parquet, COMPRESSION snappy)`;
  }
}

/**
 * DuckDB's CSV errors quote the whole source line, and a raw row can hold card data: keep the
 * line number and the failed conversion (a value of a typed column), never the line.
 */
function withoutSourceLine(error: unknown, columns: readonly SourceColumn[], part: number): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (line === undefined) return error;
  const conversion = /Error when converting column "c(\d+)"\. ([^\n]*)/.exec(message);
  const column = conversion ? columns[Number(conversion[1])] : undefined;
  const detail =
    column && conversion
      ? `column ${column.name} (${column.sourceType}): ${conversion[2]}`
      : 'it does not parse as a row of the table';
  return new ShoplakeError(
    'schema_mismatch',
    `Row ${line} of export part ${part} cannot be written to Parquet, ${detail}. Nothing was published; correct the value at the source and export again.`,
    { retryable: false, context: { part, line: Number(line), column: column?.name } },
  );
}

function waitForDrain(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

function quoteEngineIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function sqlText(text: string): string {
  return text.replace(/'/g, "''");
}
