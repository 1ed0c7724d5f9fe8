// Turns batches of rows into Parquet files of at most `rowsPerFile` rows in bounded memory.
// Rows go to scratch CSV chunks as text (cheap in JS); the engine's parallel CSV reader loads
// each chunk into a staging table, casting text to the column types, while JS streams the next
// chunk; each full staging table is COPYed to a scratch Parquet file. A value-by-value appender
// was three times slower: every value crossed into native code on the main thread. Files stay
// in scratch until the caller publishes them, so a failed stream leaves nothing half-visible.

import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { CSV_CHUNK_DIALECT, csvChunkText } from './csv-chunk-text.js';
import type { SourceColumn, SourceValue } from './source-database.js';

export interface ParquetPartWriterOptions {
  /** Rows per Parquet file; the last file holds the rest. */
  readonly rowsPerFile: number;
  /** Rows per CSV chunk handed to the engine (default 100,000: enough for its parallel reader). */
  readonly rowsPerChunk?: number;
}

const DEFAULT_CHUNK_ROWS = 100_000;

interface Chunk {
  readonly path: string;
  readonly stream: WriteStream;
  rows: number;
  /** A write error (disk full, ...), thrown at the next write; `finished` also reports it. */
  error?: Error;
}

export class ParquetPartWriter {
  private staged = 0;
  private total = 0;
  private readonly parts: string[] = [];
  private readonly staging: string;
  private chunk: Chunk | undefined;
  /** The chunk the engine is loading while JS writes the next one. */
  private loading: Promise<void> = Promise.resolve();
  private readonly pendingChunks = new Set<string>();

  private constructor(
    private readonly engine: Engine,
    private readonly store: ObjectStore,
    private readonly columns: readonly SourceColumn[],
    private readonly options: ParquetPartWriterOptions,
    name: string,
  ) {
    this.staging = quoteEngineIdentifier(`export_stage_${name}`);
  }

  static async create(
    engine: Engine,
    store: ObjectStore,
    name: string,
    columns: readonly SourceColumn[],
    options: ParquetPartWriterOptions,
  ): Promise<ParquetPartWriter> {
    const writer = new ParquetPartWriter(engine, store, columns, options, name);
    await writer.createStaging();
    return writer;
  }

  private get chunkRows(): number {
    return this.options.rowsPerChunk ?? DEFAULT_CHUNK_ROWS;
  }

  /** Rows written so far. */
  get rowCount(): number {
    return this.total;
  }

  /** Appends a batch, cut across chunks and files at their sizes. */
  async write(rows: readonly (readonly SourceValue[])[]): Promise<void> {
    let offset = 0;
    while (offset < rows.length) {
      const chunk = this.chunk ?? (await this.openChunk());
      const room = Math.min(this.options.rowsPerFile - this.staged, this.chunkRows - chunk.rows);
      const part = offset === 0 && rows.length <= room ? rows : rows.slice(offset, offset + room);
      if (chunk.error) throw chunk.error;
      if (!chunk.stream.write(csvChunkText(part))) await waitForDrain(chunk.stream);
      chunk.rows += part.length;
      this.staged += part.length;
      this.total += part.length;
      offset += part.length;
      if (this.staged >= this.options.rowsPerFile) await this.cutFile();
      else if (chunk.rows >= this.chunkRows) await this.loadChunk();
    }
  }

  /** Writes what is left and returns every file, in order. Empty when no row came. */
  async finish(): Promise<readonly string[]> {
    if (this.staged > 0) await this.cutFile();
    await this.engine.run(`DROP TABLE IF EXISTS ${this.staging}`);
    return [...this.parts];
  }

  /** Removes files not handed over (after a failure, or the caller's leftovers). */
  async discard(paths: readonly string[] = this.parts): Promise<void> {
    this.chunk?.stream.destroy();
    this.chunk = undefined;
    await this.loading.catch(() => undefined);
    await Promise.all([...paths, ...this.pendingChunks].map((path) => rm(path, { force: true })));
    await this.engine.run(`DROP TABLE IF EXISTS ${this.staging}`).catch(() => undefined);
  }

  private async openChunk(): Promise<Chunk> {
    const path = await this.store.scratchPath('.csv');
    this.pendingChunks.add(path);
    const chunk: Chunk = { path, stream: createWriteStream(path, { highWaterMark: 1 << 20 }), rows: 0 };
    chunk.stream.on('error', (error) => {
      chunk.error ??= error;
    });
    this.chunk = chunk;
    return chunk;
  }

  /** Closes the current chunk and starts loading it once the previous load is done. */
  private async loadChunk(): Promise<void> {
    const chunk = this.chunk;
    if (!chunk) return;
    this.chunk = undefined;
    chunk.stream.end();
    await finished(chunk.stream);
    await this.loading;
    const load = this.engine.run(this.insertFrom(chunk.path)).finally(async () => {
      await rm(chunk.path, { force: true });
      this.pendingChunks.delete(chunk.path);
    });
    // Its failure surfaces at the next await of `loading`; until then it must not count as unhandled.
    load.catch(() => undefined);
    this.loading = load;
  }

  private insertFrom(path: string): string {
    const textColumns = this.columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    const typed = this.columns.map(
      (column, i) => `CAST(c${i} AS ${column.engineType}) AS ${quoteEngineIdentifier(column.name)}`,
    );
    return `INSERT INTO ${this.staging} SELECT ${typed.join(', ')}
            FROM read_csv('${sqlText(path)}', columns = {${textColumns}}, ${CSV_CHUNK_DIALECT})`;
  }

  private async createStaging(): Promise<void> {
    const definitions = this.columns.map(
      (column) => `${quoteEngineIdentifier(column.name)} ${column.engineType}`,
    );
    await this.engine.run(`CREATE OR REPLACE TABLE ${this.staging} (${definitions.join(', ')})`);
  }

  private async cutFile(): Promise<void> {
    await this.loadChunk();
    await this.loading;
    const path = await this.store.scratchPath('.parquet');
    this.parts.push(path);
    await this.engine.run(`COPY ${this.staging} TO '${sqlText(path)}' (FORMAT parquet, COMPRESSION snappy)`);
    // A fresh table rather than DELETE: the engine gives the memory back at once.
    await this.createStaging();
    this.staged = 0;
  }
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
