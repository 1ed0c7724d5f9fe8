// Who may call the API: loopback clients freely (the person at the machine), everyone else
// with `Authorization: Bearer <SHOPLAKE_API_TOKEN>`. A request relayed by a proxy counts as
// remote even when the proxy itself connects over loopback.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ShoplakeError } from '../core/shoplake-error.js';

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain === '0:0:0:0:0:0:0:1';
}

export interface AuthPolicy {
  /** The token remote clients must present; without one, only loopback clients are served. */
  readonly token: string | undefined;
  /** False makes loopback clients show a token too (tests simulate remote clients this way). */
  readonly trustLoopback: boolean;
}

/** Throws `unauthorized` unless the request may proceed. */
export function authorize(request: IncomingMessage, policy: AuthPolicy): void {
  const proxied = PROXY_HEADERS.some((name) => request.headers[name] !== undefined);
  if (policy.trustLoopback && !proxied && isLoopbackAddress(request.socket.remoteAddress)) return;
  if (!policy.token) {
    throw unauthorized(
      'This server has no API token (SHOPLAKE_API_TOKEN), so it only answers loopback clients.',
    );
  }
  const header = request.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!presented) throw unauthorized('Send the API token as "Authorization: Bearer <token>".');
  if (!sameSecret(presented, policy.token)) throw unauthorized('The API token is not valid.');
}

// Hashing first gives equal lengths, so the comparison time says nothing about the token.
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function unauthorized(message: string): ShoplakeError {
  return new ShoplakeError('unauthorized', message, { retryable: false });
}
