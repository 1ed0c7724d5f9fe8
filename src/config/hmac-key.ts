// The HMAC key behind every token. The pipeline refuses to run without one; only the demo
// may create a random local key file, and it says so.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShoplakeError } from '../core/shoplake-error.js';
import type { ShoplakeConfig } from './load-config.js';

export const MIN_KEY_LENGTH = 16;
export const DEMO_KEY_FILE = '.hmac-key';

export interface ResolvedKey {
  readonly key: string;
  readonly source: 'env' | 'file' | 'demo-file';
  readonly file?: string;
}

/** The configured key: SHOPLAKE_HMAC_KEY, then `hmacKeyFile`, then a demo key file in the data dir. */
export function resolveHmacKey(config: ShoplakeConfig): ResolvedKey {
  if (config.hmacKey) return { key: checked(config.hmacKey, 'SHOPLAKE_HMAC_KEY'), source: 'env' };
  if (config.hmacKeyFile) {
    return { key: readKeyFile(config.hmacKeyFile), source: 'file', file: config.hmacKeyFile };
  }
  const demoFile = join(config.dataDir, DEMO_KEY_FILE);
  if (existsSync(demoFile)) return { key: readKeyFile(demoFile), source: 'demo-file', file: demoFile };
  throw new ShoplakeError(
    'hmac_key_missing',
    'No HMAC key is configured, so card numbers, SSNs and emails cannot be tokenized; the pipeline will not run unkeyed. ' +
      `Set SHOPLAKE_HMAC_KEY (at least ${MIN_KEY_LENGTH} characters), or set "hmacKeyFile" in the config, ` +
      'or run `npm start` once to create a local demo key.',
    { retryable: false },
  );
}

/** Creates `<dataDir>/.hmac-key` (mode 0600) with a random key; returns its path. */
export function createDemoKeyFile(dataDir: string): string {
  const file = join(dataDir, DEMO_KEY_FILE);
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

function readKeyFile(file: string): string {
  if (!existsSync(file)) {
    throw new ShoplakeError('hmac_key_missing', `HMAC key file ${file} does not exist.`, {
      retryable: false,
    });
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ShoplakeError(
      'config_invalid',
      `HMAC key file ${file} is readable by others (mode ${mode.toString(8)}); run \`chmod 600 ${file}\`.`,
      { retryable: false },
    );
  }
  return checked(readFileSync(file, 'utf8').trim(), file);
}

function checked(key: string, source: string): string {
  if (key.length < MIN_KEY_LENGTH) {
    throw new ShoplakeError(
      'config_invalid',
      `The HMAC key from ${source} is too short: it needs at least ${MIN_KEY_LENGTH} characters.`,
      { retryable: false },
    );
  }
  return key;
}
