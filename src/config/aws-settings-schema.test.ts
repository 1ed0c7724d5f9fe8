import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('aws and sql settings', () => {
  it('default to DuckDB and no AWS settings', () => {
    const config = loadConfig({ env: {} });
    expect(config.sql.engine).toBe('duckdb');
    expect(config.aws).toEqual({});
  });

  it('come from the environment the stack gives a function', () => {
    const config = loadConfig({
      env: {
        AWS_REGION: 'eu-west-1',
        SHOPLAKE_SQL_ENGINE: 'athena',
        SHOPLAKE_GLUE_DATABASE: 'acme_lake',
        SHOPLAKE_ATHENA_WORKGROUP: 'acme-lake-workgroup',
        SHOPLAKE_ATHENA_OUTPUT_LOCATION: 's3://acme-results/shoplake/',
        SHOPLAKE_AWS_ENDPOINT: 'http://127.0.0.1:9000',
      },
    });
    expect(config.sql.engine).toBe('athena');
    expect(config.aws).toEqual({
      region: 'eu-west-1',
      glueDatabase: 'acme_lake',
      athenaWorkgroup: 'acme-lake-workgroup',
      athenaOutputLocation: 's3://acme-results/shoplake/',
      endpoint: 'http://127.0.0.1:9000',
    });
  });

  it.each([
    [{ aws: { region: 'Europe' } }, 'setting "aws.region": an AWS region such as "eu-west-1"'],
    [{ aws: { glueDatabase: 'Acme-Lake' } }, 'setting "aws.glueDatabase": lower-case letters, digits and _'],
    [{ aws: { athenaOutputLocation: 'acme-results/x' } }, 'setting "aws.athenaOutputLocation": an S3 URL'],
    [{ aws: { endpoint: 'localhost:9000' } }, 'setting "aws.endpoint": an http(s) URL'],
    [{ aws: { bucket: 'x' } }, 'setting "aws": Unrecognized key'],
    [{ sql: { engine: 'presto' } }, 'setting "sql.engine"'],
  ])('refuses %j naming the setting', (overrides, message) => {
    expect(() => loadConfig({ env: {}, overrides: overrides as never })).toThrow(message);
  });
});
