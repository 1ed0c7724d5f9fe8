// How the S3, Glue and Athena adapters reach AWS (or a replaying test server): region, endpoint,
// credentials, retries and timeouts, turned into SDK client options in one place.

/**
 * @example
 * // AWS: credentials from the SDK's chain (environment, Lambda role, profile).
 * { region: 'eu-west-1' }
 * // A server on this machine that answers in AWS's JSON protocol (tests):
 * { region: 'us-east-1', endpoint: 'http://127.0.0.1:4571', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }
 */
export interface AwsServiceSettings {
  readonly region: string;
  /** Another endpoint for every service; default: AWS's regional endpoints. */
  readonly endpoint?: string;
  /** Static credentials; default: the SDK's chain. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Attempts per request, the SDK's own backoff between them (throttling included). Default 3. */
  readonly maxAttempts?: number;
  /** Give up connecting after this long (a wrong endpoint fails fast). Default 5000. */
  readonly connectionTimeoutMs?: number;
}

/** The options every SDK v3 client takes, from the settings. */
export function sdkClientOptions(settings: AwsServiceSettings) {
  return {
    region: settings.region,
    endpoint: settings.endpoint,
    credentials: settings.credentials ? { ...settings.credentials } : undefined,
    maxAttempts: settings.maxAttempts ?? 3,
    requestHandler: { connectionTimeout: settings.connectionTimeoutMs ?? 5_000 },
  };
}
