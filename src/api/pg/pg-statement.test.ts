import { describe, expect, it } from 'vitest';
import { classifyStatement } from './pg-statement.js';

describe('classifyStatement', () => {
  it.each([
    ["SET application_name = 'psql'", { kind: 'set', name: 'application_name', value: 'psql' }],
    ['set extra_float_digits to 3', { kind: 'set', name: 'extra_float_digits', value: '3' }],
    ["SET SESSION TIME ZONE 'UTC';", { kind: 'set', name: 'timezone', value: 'UTC' }],
    ['SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY', { kind: 'transaction', tag: 'SET' }],
    ['/* driver */ SHOW transaction isolation level', { kind: 'show', name: 'transaction_isolation' }],
    ['RESET ALL', { kind: 'reset', name: undefined }],
    ['begin', { kind: 'transaction', tag: 'BEGIN' }],
    ['COMMIT;', { kind: 'transaction', tag: 'COMMIT' }],
    ['DISCARD ALL', { kind: 'discard' }],
    ['DEALLOCATE "S_1"', { kind: 'deallocate', name: 'S_1' }],
    ['select pg_catalog.version()', { kind: 'identity', function: 'version' }],
    ['SELECT current_schema()', { kind: 'identity', function: 'current_schema' }],
    [' ; -- nothing', { kind: 'empty' }],
  ])('knows %j as housekeeping', (sql, expected) => {
    expect(classifyStatement(sql)).toEqual(expected);
  });

  it.each([
    "SET x = 1; SELECT * FROM read_csv('/etc/passwd')",
    "SET search_path = 'a'; COPY (select 1) TO '/tmp/x'",
    'BEGIN READ WRITE',
    "select version(), getenv('HOME')",
    'select 1; select version()',
    'show tables; drop table x',
    "/* /* */ select * from read_csv('/etc/passwd') */",
  ])('leaves %j to the guard, text untouched', (sql) => {
    expect(classifyStatement(sql)).toEqual({ kind: 'query', sql });
  });
});
