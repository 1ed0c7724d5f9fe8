// Turns batches of rows into Parquet files of at most `rowsPerFile` rows in bounded memory:
// each batch goes into a DuckDB staging table in bulk (`engine.append`), and each full table
// is COPYed to a scratch file. Files stay in scratch until the caller publishes
// them, so a failed stream leaves nothing half-visible in the lake.

import { rm } from 'node:fs/promises';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { SourceColumn, SourceValue } from './source-database.js';

export interface ParquetPartWriterOptions {
  /** Rows per Parquet file; the last file holds the rest. */
  readonly rowsPerFile: number;
}

type EngineValue = string | boolean | null;

export class ParquetPartWriter {
  private staged = 0;
  private total = 0;
  private readonly parts: string[] = [];
  private readonly stagingName: string;
  private readonly staging: string;

  private constructor(
    private readonly engine: Engine,
    private readonly store: ObjectStore,
    private readonly columns: readonly SourceColumn[],
    private readonly options: ParquetPartWriterOptions,
    name: string,
  ) {
    this.stagingName = `export_stage_${name}`;
    this.staging = quoteEngineIdentifier(this.stagingName);
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

  /** Rows written so far. */
  get rowCount(): number {
    return this.total;
  }

  /** Appends a batch (cut across files at `rowsPerFile`); the rows are converted in place. */
  async write(rows: SourceValue[][]): Promise<void> {
    for (const row of rows) {
      // Text is the appender's fast path into any column type, and exact for every type.
      for (let i = 0; i < row.length; i++) {
        const value = row[i];
        if (typeof value === 'number') row[i] = String(value);
      }
    }
    let offset = 0;
    while (offset < rows.length) {
      const room = this.options.rowsPerFile - this.staged;
      const part = offset === 0 && rows.length <= room ? rows : rows.slice(offset, offset + room);
      await this.engine.append(this.stagingName, part as EngineValue[][]);
      this.staged += part.length;
      this.total += part.length;
      offset += part.length;
      if (this.staged >= this.options.rowsPerFile) await this.cutFile();
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
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    await this.engine.run(`DROP TABLE IF EXISTS ${this.staging}`).catch(() => undefined);
  }

  private async createStaging(): Promise<void> {
    const definitions = this.columns.map(
      (column) => `${quoteEngineIdentifier(column.name)} ${column.engineType}`,
    );
    await this.engine.run(`CREATE OR REPLACE TABLE ${this.staging} (${definitions.join(', ')})`);
  }

  private async cutFile(): Promise<void> {
    const path = await this.store.scratchPath('.parquet');
    this.parts.push(path);
    await this.engine.run(
      `COPY ${this.staging} TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    // A fresh table rather than DELETE: the engine gives the memory back at once.
    await this.createStaging();
    this.staged = 0;
  }
}

function quoteEngineIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
