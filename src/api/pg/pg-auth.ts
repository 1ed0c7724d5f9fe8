// Who may connect: loopback clients without a password (the person at the machine, as the
// HTTP API does), everyone else with the API token as password. The password travels as a
// salted MD5 challenge answer, so the token itself never crosses the wire.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLoopbackAddress } from '../request-auth.js';

export interface PgAuthPolicy {
  /** The password remote clients must give (SHOPLAKE_API_TOKEN); none: loopback clients only. */
  readonly password: string | undefined;
  /** False makes loopback clients give the password too (tests simulate remote clients this way). */
  readonly trustLoopback: boolean;
}

export type PgAuthDecision =
  | { readonly kind: 'trust' }
  | { readonly kind: 'md5'; readonly salt: Uint8Array }
  | { readonly kind: 'refuse'; readonly message: string };

/** How a client connecting from `remoteAddress` must authenticate. */
export function authDecision(policy: PgAuthPolicy, remoteAddress: string | undefined): PgAuthDecision {
  if (policy.trustLoopback && isLoopbackAddress(remoteAddress)) return { kind: 'trust' };
  if (!policy.password) {
    return {
      kind: 'refuse',
      message:
        'This server has no password (SHOPLAKE_API_TOKEN), so it only accepts connections from this machine.',
    };
  }
  return { kind: 'md5', salt: randomBytes(4) };
}

/** Whether `presented` (`md5` + hex) answers the challenge for `user` with `password`. */
export function md5Matches(presented: string, user: string, password: string, salt: Uint8Array): boolean {
  // Postgres' scheme: md5(md5(password + user) + salt), in hex, prefixed with "md5".
  const inner = md5Hex(Buffer.from(password + user, 'utf8'));
  const expected = `md5${md5Hex(Buffer.concat([Buffer.from(inner, 'utf8'), salt]))}`;
  // Hashing first gives equal lengths, so the comparison time says nothing about the answer.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
