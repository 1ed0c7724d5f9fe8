// Object keys are user input (file names, event payloads): one check keeps every adapter
// from writing outside its bucket.

import { ShoplakeError } from './shoplake-error.js';

const MAX_KEY_BYTES = 1024;

/** Throws `invalid_key` unless `key` is a safe relative object key. */
export function assertValidKey(key: string): void {
  const reason = keyProblem(key);
  if (reason) {
    throw new ShoplakeError(
      'invalid_key',
      `Invalid object key ${JSON.stringify(key.slice(0, 200))}: ${reason}.`,
      {
        retryable: false,
        context: { key: key.slice(0, 200) },
      },
    );
  }
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  if (key.includes('\0')) return 'it contains a NUL byte';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute paths are not allowed';
  if (key.includes('\\')) return 'backslashes are not allowed (use / between folders)';
  const segments = key.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return '"." and ".." segments are not allowed';
  if (segments.some((s) => s === '')) return 'empty folder names (// or a trailing /) are not allowed';
  return undefined;
}

/** S3 event notifications carry keys URL-encoded with '+' for spaces. */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

export function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}
