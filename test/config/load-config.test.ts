import { statSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoKeyFile, resolveHmacKey } from '../../src/config/hmac-key.js';
import { describeConfig, loadConfig } from '../../src/config/load-config.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'shoplake-config-'));
}

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({ env: {}, configFile: undefined });
    expect(config.bucketPrefix).toBe('shoplake');
    expect(config.dispatch.maxAttempts).toBe(3);
    expect(config.dataDir).toMatch(/shoplake-data$/);
  });

  it('reads the file, lets the environment override it and flags override both', async () => {
    const dir = await tempDir();
    const file = join(dir, 'shoplake.config.json');
    await writeFile(
      file,
      JSON.stringify({ bucketPrefix: 'from-file', engine: { threads: 1 }, dataDir: '/tmp/a' }),
    );
    const config = loadConfig({
      configFile: file,
      env: { SHOPLAKE_BUCKET_PREFIX: 'from-env', SHOPLAKE_MEMORY_LIMIT: '1GB' },
      overrides: { dataDir: '/tmp/b' },
    });
    expect(config.bucketPrefix).toBe('from-env');
    expect(config.engine).toEqual({ threads: 1, memoryLimit: '1GB' });
    expect(config.dataDir).toBe('/tmp/b');
  });

  it('names the bad setting', async () => {
    const dir = await tempDir();
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ bucketPrefix: 'Bad_Prefix', dispatch: { maxAttempts: 0 } }));
    expect(() => loadConfig({ configFile: file, env: {} })).toThrow(
      /setting "bucketPrefix".*setting "dispatch.maxAttempts"/s,
    );
  });

  it('names an unknown setting (a typo) instead of ignoring it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ dataDri: 'x' }));
    expect(() => loadConfig({ configFile: file, env: {} })).toThrow(/dataDri/);
  });

  it('refuses a config file that is not JSON', async () => {
    const dir = await tempDir();
    const file = join(dir, 'c.json');
    await writeFile(file, '{ nope');
    expect(() => loadConfig({ configFile: file, env: {} })).toThrow(/not valid JSON/);
  });

  it('never shows the key when described', () => {
    const config = loadConfig({ env: { SHOPLAKE_HMAC_KEY: 'super-secret-key-123456' } });
    expect(JSON.stringify(describeConfig(config))).not.toContain('super-secret');
  });
});

describe('resolveHmacKey', () => {
  it('refuses to run without a key and says how to set one', async () => {
    const config = loadConfig({ env: {}, overrides: { dataDir: await tempDir() } });
    expect(() => resolveHmacKey(config)).toThrow(/SHOPLAKE_HMAC_KEY/);
  });

  it('refuses a key that is too short', () => {
    const config = loadConfig({ env: { SHOPLAKE_HMAC_KEY: 'short' } });
    expect(() => resolveHmacKey(config)).toThrow(/too short/);
  });

  it('creates an owner-only demo key file and uses it', async () => {
    const dataDir = await tempDir();
    const file = createDemoKeyFile(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const resolved = resolveHmacKey(loadConfig({ env: {}, overrides: { dataDir } }));
    expect(resolved.source).toBe('demo-file');
    expect(resolved.key).toHaveLength(64);
  });

  it('refuses a key file others can read', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, 'key');
    await writeFile(file, 'k'.repeat(40));
    await chmod(file, 0o644);
    expect(() => resolveHmacKey(loadConfig({ env: { SHOPLAKE_HMAC_KEY_FILE: file } }))).toThrow(/chmod 600/);
  });
});
