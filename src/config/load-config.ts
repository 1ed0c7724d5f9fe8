// Reads the config file and the environment (the only place SHOPLAKE_* variables are read),
// validates them together, and names the bad setting when something is off.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZodError } from 'zod';
import { ShoplakeError } from '../core/shoplake-error.js';
import { type ConfigInput, configSchema, type ShoplakeSettings } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'shoplake.config.json';

export interface LoadConfigOptions {
  /** Explicit config file; otherwise ./shoplake.config.json when it exists. */
  readonly configFile?: string;
  /** Settings from command-line flags: they win over file and environment. */
  readonly overrides?: ConfigInput;
  readonly env?: NodeJS.ProcessEnv;
}

export interface ShoplakeConfig extends ShoplakeSettings {
  /** The HMAC key, when one is configured (never logged: see `describeConfig`). */
  readonly hmacKey: string | undefined;
  readonly configFile: string | undefined;
  /** Bearer token the HTTP API requires from non-loopback clients (SHOPLAKE_API_TOKEN; never logged). */
  readonly apiToken: string | undefined;
  /** The copilot's model API key, read from the variable `copilot.llm.apiKeyEnv` names (never logged). */
  readonly llmApiKey: string | undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): ShoplakeConfig {
  const env = options.env ?? process.env;
  const configFile =
    options.configFile ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const merged = deepMerge(
    deepMerge(fromFile, fromEnv(env)),
    (options.overrides ?? {}) as Record<string, unknown>,
  );
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw configError(parsed.error, configFile);
  const settings = parsed.data;
  return {
    ...settings,
    dataDir: resolve(settings.dataDir),
    hmacKey: env.SHOPLAKE_HMAC_KEY || undefined,
    configFile,
    apiToken: env.SHOPLAKE_API_TOKEN || undefined,
    llmApiKey: llmApiKeyFrom(settings, env),
  };
}

function llmApiKeyFrom(settings: ShoplakeSettings, env: NodeJS.ProcessEnv): string | undefined {
  const name = settings.copilot.llm?.apiKeyEnv;
  if (!name) return undefined;
  const key = env[name];
  if (!key) {
    throw new ShoplakeError(
      'config_invalid',
      `Invalid configuration: setting "copilot.llm.apiKeyEnv" names ${name}, which is not set; export ${name}=<key> or remove copilot.llm.`,
      { retryable: false },
    );
  }
  return key;
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.SHOPLAKE_DATA_DIR) out.dataDir = env.SHOPLAKE_DATA_DIR;
  if (env.SHOPLAKE_BUCKET_PREFIX) out.bucketPrefix = env.SHOPLAKE_BUCKET_PREFIX;
  if (env.SHOPLAKE_HMAC_KEY_FILE) out.hmacKeyFile = env.SHOPLAKE_HMAC_KEY_FILE;
  if (env.SHOPLAKE_LOG_LEVEL) out.logLevel = env.SHOPLAKE_LOG_LEVEL;
  const engine: Record<string, unknown> = {};
  if (env.SHOPLAKE_MEMORY_LIMIT) engine.memoryLimit = env.SHOPLAKE_MEMORY_LIMIT;
  if (env.SHOPLAKE_THREADS) engine.threads = numberOrText(env.SHOPLAKE_THREADS);
  if (Object.keys(engine).length > 0) out.engine = engine;
  if (env.SHOPLAKE_SQL_ENGINE) out.sql = { engine: env.SHOPLAKE_SQL_ENGINE };
  const aws: Record<string, unknown> = {};
  if (env.AWS_REGION || env.AWS_DEFAULT_REGION) aws.region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (env.SHOPLAKE_AWS_ENDPOINT) aws.endpoint = env.SHOPLAKE_AWS_ENDPOINT;
  if (env.SHOPLAKE_GLUE_DATABASE) aws.glueDatabase = env.SHOPLAKE_GLUE_DATABASE;
  if (env.SHOPLAKE_ATHENA_WORKGROUP) aws.athenaWorkgroup = env.SHOPLAKE_ATHENA_WORKGROUP;
  if (env.SHOPLAKE_ATHENA_OUTPUT_LOCATION) aws.athenaOutputLocation = env.SHOPLAKE_ATHENA_OUTPUT_LOCATION;
  if (Object.keys(aws).length > 0) out.aws = aws;
  return out;
}

function numberOrText(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ShoplakeError('config_invalid', `Config file ${path} does not exist.`, { retryable: false });
  }
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error('the top level must be a JSON object');
    }
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ShoplakeError(
      'config_invalid',
      `Config file ${path} is not valid JSON: ${(error as Error).message}.`,
      {
        retryable: false,
        cause: error,
      },
    );
  }
}

function configError(error: ZodError, configFile: string | undefined): ShoplakeError {
  const problems = error.issues.map((issue) => {
    const setting = issue.path.join('.') || '(top level)';
    return `setting "${setting}": ${issue.message}`;
  });
  const where = configFile ? ` (from ${configFile} and SHOPLAKE_* environment variables)` : '';
  return new ShoplakeError('config_invalid', `Invalid configuration${where}: ${problems.join('; ')}.`, {
    retryable: false,
  });
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The config as it may be printed or logged: the key is never shown. */
export function describeConfig(config: ShoplakeConfig): Record<string, unknown> {
  const { hmacKey, apiToken, llmApiKey, ...rest } = config;
  return {
    ...rest,
    hmacKey: hmacKey ? '(set)' : '(not set)',
    apiToken: apiToken ? '(set)' : '(not set)',
    llmApiKey: llmApiKey ? '(set)' : '(not set)',
  };
}
