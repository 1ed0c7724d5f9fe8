import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { mapS3Error } from './map-s3-error.js';

const target = { operation: 'GetObject', bucketName: 'shoplake-raw', key: 'orders/dt=2026-01-01/b.parquet' };

function serviceError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} from the server`,
  });
}

function mapped(error: unknown): ShoplakeError {
  const result = mapS3Error(error, target);
  expect(result).toBeInstanceOf(ShoplakeError);
  return result as ShoplakeError;
}

describe('mapS3Error', () => {
  it.each([
    ['NoSuchKey', 404, 'object_not_found', false],
    ['NotFound', 404, 'object_not_found', false],
    ['NoSuchBucket', 404, 'not_found', false],
    ['AccessDenied', 403, 'access_denied', false],
    ['InvalidAccessKeyId', 403, 'access_denied', false],
    ['PreconditionFailed', 412, 'object_exists', false],
    ['SlowDown', 503, 'transient_io', true],
    ['InternalError', 500, 'transient_io', true],
    ['Unknown', 502, 'transient_io', true],
    ['ConditionalRequestConflict', 409, 'transient_io', true],
    ['EntityTooLarge', 400, 'invalid_argument', false],
  ])('maps %s (%i) to %s, retryable %s', (name, status, code, retryable) => {
    const error = mapped(serviceError(name, status));
    expect(error).toMatchObject({ code, retryable });
    expect(error.context).toMatchObject({ bucket: 'shoplake-raw', operation: 'GetObject', s3Error: name });
    expect(error.cause).toBeInstanceOf(S3ServiceException);
  });

  it('names the key that is missing', () => {
    expect(mapped(serviceError('NoSuchKey', 404)).message).toContain('orders/dt=2026-01-01/b.parquet');
  });

  it('says what to check when access is denied', () => {
    expect(mapped(serviceError('AccessDenied', 403)).message).toMatch(/credentials.*s3:GetObject/);
  });

  it('treats a reset connection deep in the cause chain as transient', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = mapped(new Error('request failed', { cause: reset }));
    expect(error).toMatchObject({ code: 'transient_io', retryable: true });
    expect(error.message).toContain('ECONNRESET');
  });

  it('treats a refused connection reported as an AggregateError as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(mapped(new AggregateError([refused], 'all attempts failed')).code).toBe('transient_io');
  });

  it('leaves errors that did not come from S3 alone', () => {
    const disk = Object.assign(new Error('no space left'), { code: 'ENOSPC' });
    expect(mapS3Error(disk, target)).toBe(disk);
    const own = new ShoplakeError('invalid_key', 'bad key');
    expect(mapS3Error(own, target)).toBe(own);
  });
});
