// How the S3 adapter reaches S3 (or an S3-compatible server): region, endpoint, credentials,
// retries and timeouts, turned into an SDK client in one place.

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * Connection settings of the S3 adapter.
 *
 * @example
 * // AWS (Lambda): region from the deployment, credentials from the role.
 * { region: 'eu-west-1' }
 * // An S3-compatible server on this machine (tests):
 * { region: 'us-east-1', endpoint: 'http://127.0.0.1:4568', forcePathStyle: true,
 *   credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
 */
export interface S3ClientSettings {
  readonly region: string;
  /** Another S3-compatible endpoint; default: AWS's regional endpoint. */
  readonly endpoint?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; most non-AWS servers need it. Default false. */
  readonly forcePathStyle?: boolean;
  /** Static credentials; default: the SDK's chain (environment, Lambda role, profile). */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Attempts per request, the SDK's own backoff between them. Default 3. */
  readonly maxAttempts?: number;
  /** Give up connecting after this long (a wrong endpoint fails fast). Default 5000. */
  readonly connectionTimeoutMs?: number;
  /**
   * When the SDK adds CRC checksums to uploads. Default 'WHEN_SUPPORTED' (what AWS wants).
   * 'WHEN_REQUIRED' for servers that do not understand checksum trailers on streamed bodies.
   */
  readonly requestChecksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
}

export function createS3Client(settings: S3ClientSettings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle ?? false,
    credentials: settings.credentials ? { ...settings.credentials } : undefined,
    maxAttempts: settings.maxAttempts ?? 3,
    requestChecksumCalculation: settings.requestChecksums ?? 'WHEN_SUPPORTED',
    responseChecksumValidation: settings.requestChecksums ?? 'WHEN_SUPPORTED',
    requestHandler: { connectionTimeout: settings.connectionTimeoutMs ?? 5_000 },
  };
  return new S3Client(config);
}
