// Every setting shoplake reads, with its default and its check. Parsed once, at start.

import { cpus } from 'node:os';
import { z } from 'zod';
import { SYSTEMS } from '../core/zones.js';
import { awsSettingsSchema, sqlSettingsSchema } from './aws-settings-schema.js';
import { copilotSettingsSchema } from './copilot-settings-schema.js';

/** `curated.<table>` or `<system>.<table>`: a key of `freshness.tables`. */
export const FRESHNESS_TABLE_KEY = new RegExp(`^(curated|${SYSTEMS.join('|')})\\.[a-z][a-z0-9_]*$`);

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
        /**
         * An event time more than this many hours after the row was processed is rejected
         * (`event_time_range`). Default 24: the contract's one day. After changing it, `shoplake
         * replay --table T` re-validates what is already curated.
         */
        maxEventDelayHours: z
          .number()
          .int()
          .min(0)
          .max(24 * 366)
          .default(24),
      })
      .strict()
      .default({}),
    /**
     * When a table counts as stale in `shoplake status`, `/api/status` and `/metrics`: its last
     * commit is older than this many hours (or it was never committed).
     */
    freshness: z
      .object({
        /** Default for every table. */
        maxAgeHours: z.number().positive().default(24),
        /** Per zone: `curated`, and `prod` for every system's tables. */
        zones: z
          .object({ curated: z.number().positive().optional(), prod: z.number().positive().optional() })
          .strict()
          .default({}),
        /**
         * Per table, winning over the zone: `curated.<table>` or `<system>.<table>`, e.g.
         * `{ "curated.orders": 2, "market-intelligence-hub.daily_sales": 48 }`.
         */
        tables: z
          .record(
            z
              .string()
              .regex(
                FRESHNESS_TABLE_KEY,
                '"curated.<table>" or "<system>.<table>" with a system such as market-intelligence-hub',
              ),
            z.number().positive(),
          )
          .default({}),
      })
      .strict()
      .default({}),
    /** Which engine runs SQL (`duckdb` or `athena`); see aws-settings-schema.ts. */
    sql: sqlSettingsSchema,
    /** Region, endpoint, Glue database and Athena workgroup for SQL on AWS; see aws-settings-schema.ts. */
    aws: awsSettingsSchema,
    /** The copilot's question log and optional language model; see copilot-settings-schema.ts. */
    copilot: copilotSettingsSchema,
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ShoplakeSettings = z.output<typeof configSchema>;
