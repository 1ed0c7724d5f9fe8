import { describe, expect, it } from 'vitest';
import { describeTarget, parseMysqlUrl, redactMysqlUrl } from './mysql-target.js';

describe('MySQL URLs', () => {
  it('parses user, password, host, port and database', () => {
    expect(parseMysqlUrl('mysql://shop:p%40ss@db.internal:3307/sales')).toEqual({
      host: 'db.internal',
      port: 3307,
      user: 'shop',
      password: 'p@ss',
      database: 'sales',
    });
    expect(parseMysqlUrl('mariadb://127.0.0.1')).toMatchObject({
      user: 'root',
      port: 3306,
      password: '',
      database: undefined,
    });
  });

  it('never prints the password', () => {
    const url = 'mysql://shop:s3cr%2Ft@db:3306/sales';
    expect(redactMysqlUrl(url)).toBe('mysql://shop:***@db:3306/sales');
    expect(describeTarget(parseMysqlUrl(url))).toBe('shop@db:3306/sales');
    expect(redactMysqlUrl('mysql://shop:s3cret@')).not.toContain('s3cret');
    for (const bad of [
      'mysql://shop:s3cret@db:3306/no-such db',
      'postgres://shop:s3cret@db/x',
      'mysql://shop:s3cret@:99999/x',
    ]) {
      expect(() => parseMysqlUrl(bad)).toThrow();
      try {
        parseMysqlUrl(bad);
      } catch (error: unknown) {
        expect(String(error)).not.toContain('s3cret');
        expect(JSON.stringify(error)).not.toContain('s3cret');
      }
    }
  });
});
