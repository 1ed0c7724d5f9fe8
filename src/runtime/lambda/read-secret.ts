// Reads a Secrets Manager secret string. Only the export and HMAC secrets use it, once per
// container, so a plain client call (no cache layer) is enough.

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ShoplakeError } from '../../core/shoplake-error.js';

/**
 * @example
 * const key = await readSecret('arn:aws:secretsmanager:eu-west-1:123:secret:shoplake-hmac', 'eu-west-1');
 */
export async function readSecret(secretArn: string, region: string): Promise<string> {
  const client = new SecretsManagerClient({ region });
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!out.SecretString) {
      throw new ShoplakeError(
        'config_invalid',
        `Secret ${secretArn} has no string value; store it as plain text.`,
        {
          retryable: false,
        },
      );
    }
    return out.SecretString.trim();
  } catch (error: unknown) {
    if (error instanceof ShoplakeError) throw error;
    // Throttling or a network blip at cold start: let Lambda retry the invocation.
    throw new ShoplakeError(
      'transient_io',
      `Could not read secret ${secretArn}; check the function role may read it.`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
}
