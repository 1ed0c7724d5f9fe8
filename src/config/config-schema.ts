// Every setting shoplake reads, with its default and its check. Parsed once, at start.

import { cpus } from 'node:os';
import { z } from 'zod';

const byteSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as "2GB" or "1536MB"');

export const configSchema = z
  .object({
    /** Folder that holds the lake locally: raw/, curated/, prod/<system>/, logs/, dead-letter/. */
    dataDir: z.string().min(1).default('./shoplake-data'),
    /** Bucket names are `<prefix>-raw`, `<prefix>-curated`, `<prefix>-<system>-prod`. */
    bucketPrefix: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/,
        '3–32 lower-case letters, digits or dashes (S3 bucket naming)',
      )
      .default('shoplake'),
    /** File with the HMAC key for tokens (owner-only permissions); SHOPLAKE_HMAC_KEY wins over it. */
    hmacKeyFile: z.string().min(1).optional(),
    engine: z
      .object({
        /** DuckDB's memory cap; it spills to `<dataDir>/.tmp/spill` beyond it. */
        memoryLimit: byteSize.default('2GB'),
        threads: z.number().int().min(1).max(256).default(Math.max(1, cpus().length)),
      })
      .strict()
      .default({}),
    dispatch: z
      .object({
        /** Attempts per event before it goes to the dead-letter area. */
        maxAttempts: z.number().int().min(1).max(20).default(3),
        /** First retry delay; doubles each attempt. */
        backoffMs: z.number().int().min(0).max(60_000).default(250),
        /** Handler invocations at once on this machine (each has its own engine and memory cap). */
        maxConcurrency: z.number().int().min(1).max(64).default(1),
        /** Raw objects merged per raw-to-curated invocation at most. */
        maxBatchObjects: z.number().int().min(1).max(100_000).default(500),
      })
      .strict()
      .default({}),
    curate: z
      .object({
        /** Rows per curated Parquet file (files are split beyond this). */
        rowsPerFile: z.number().int().min(1000).default(2_000_000),
      })
      .strict()
      .default({}),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ShoplakeSettings = z.output<typeof configSchema>;
