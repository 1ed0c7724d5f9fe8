import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../adapters/duckdb/duckdb-engine.js';
import { hmacToken, hmacTokenMacroSql } from './hmac-token.js';

describe('hmacToken', () => {
  it('is stable for one key and differs between keys', () => {
    expect(hmacToken('k'.repeat(32), '4111111111111111')).toBe(hmacToken('k'.repeat(32), '4111111111111111'));
    expect(hmacToken('k'.repeat(32), '4111111111111111')).not.toBe(
      hmacToken('j'.repeat(32), '4111111111111111'),
    );
  });

  it.each([['short-key-0123456789'], ['x'.repeat(100)]])(
    'agrees with the SQL macro (key %#)',
    async (key) => {
      const engine = await DuckDbEngine.create({ spillDir: tmpdir(), memoryLimit: '256MB', threads: 1 });
      try {
        await engine.run(hmacTokenMacroSql(key));
        const values = ['4111111111111111', 'jane@example.com', 'Zoë 😀', ''];
        const rows = await engine.query(
          `SELECT v, hmac_token(v) AS t FROM (VALUES ${values.map((v) => `('${v}')`).join(',')}) AS x(v)`,
        );
        for (const row of rows) expect(row.t).toBe(hmacToken(key, String(row.v)));
        expect((await engine.query('SELECT hmac_token(NULL) AS t'))[0]?.t).toBeNull();
      } finally {
        await engine.close();
      }
    },
  );
});
