// DuckDB behind the engine port. One in-memory database per session, capped in memory and
// spilling to disk, so a stage's footprint does not grow with the size of the lake.

import { mkdir } from 'node:fs/promises';
import {
  BIGINT,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBScalarFunction,
  VARCHAR,
} from '@duckdb/node-api';
import type { Engine, EngineFactory, EngineOptions, Row } from '../../ports/engine.js';

export class DuckDbEngine implements Engine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async create(options: EngineOptions): Promise<DuckDbEngine> {
    await mkdir(options.spillDir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit,
      threads: String(options.threads),
      temp_directory: options.spillDir,
      preserve_insertion_order: 'false',
    });
    const connection = await instance.connect();
    // Timestamps in the lake are UTC; ICU is bundled, so naive strings and offsets parse the same everywhere.
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(instance, connection);
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Row[];
  }

  async append(
    table: string,
    rows: readonly (readonly (string | number | bigint | boolean | null)[])[],
  ): Promise<void> {
    const appender: DuckDBAppender = await this.connection.createAppender(table);
    try {
      for (const row of rows) {
        for (const value of row) appendValue(appender, value);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  registerTextFunction(name: string, fn: (text: string) => string): void {
    this.connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: VARCHAR,
        parameterTypes: [VARCHAR],
        mainFunction: (_info, input, output) => {
          const vector = input.getColumnVector(0);
          for (let i = 0; i < input.rowCount; i++) {
            const value = vector.getItem(i);
            output.setItem(i, value === null ? null : fn(String(value)));
          }
          output.flush();
        },
      }),
    );
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function appendValue(appender: DuckDBAppender, value: string | number | bigint | boolean | null): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (Number.isInteger(value)) appender.appendValue(BigInt(value), BIGINT);
  else appender.appendValue(value, DOUBLE);
}

export class DuckDbEngineFactory implements EngineFactory {
  constructor(private readonly options: EngineOptions) {}

  open(): Promise<Engine> {
    return DuckDbEngine.create(this.options);
  }
}
