// How the S3 adapter reaches S3 (or an S3-compatible server): the settings every AWS client
// takes (aws-service-settings.ts) plus path-style addressing and checksum behaviour.

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type AwsServiceSettings, sdkClientOptions } from '../aws-sdk/aws-service-settings.js';

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
export interface S3ClientSettings extends AwsServiceSettings {
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; most non-AWS servers need it. Default false. */
  readonly forcePathStyle?: boolean;
  /**
   * When the SDK adds CRC checksums to uploads. Default 'WHEN_SUPPORTED' (what AWS wants).
   * 'WHEN_REQUIRED' for servers that do not understand checksum trailers on streamed bodies.
   */
  readonly requestChecksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
}

export function createS3Client(settings: S3ClientSettings): S3Client {
  const config: S3ClientConfig = {
    ...sdkClientOptions(settings),
    forcePathStyle: settings.forcePathStyle ?? false,
    requestChecksumCalculation: settings.requestChecksums ?? 'WHEN_SUPPORTED',
    responseChecksumValidation: settings.requestChecksums ?? 'WHEN_SUPPORTED',
  };
  return new S3Client(config);
}
