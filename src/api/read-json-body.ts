// Reads a JSON request body with a hard size cap: a declared length over the cap is refused
// before any byte is read, an undeclared one as soon as the cap is crossed.

import type { IncomingMessage } from 'node:http';
import { ShoplakeError } from '../core/shoplake-error.js';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(buffer);
  }
  return parseJsonBody(Buffer.concat(chunks), limitBytes);
}

/** Parses a body already in memory (an API Gateway event's), under the same cap and with the same messages. */
export function parseJsonBody(body: Buffer, limitBytes: number): unknown {
  if (body.length > limitBytes) throw tooLarge(limitBytes);
  const text = body.toString('utf8');
  if (text.trim() === '') throw invalid('The request body is empty; send {"sql": "SELECT ..."}.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('The request body is not valid JSON; send {"sql": "SELECT ..."}.');
  }
}

function tooLarge(limitBytes: number): ShoplakeError {
  return new ShoplakeError('payload_too_large', `The request body is larger than ${limitBytes} bytes.`, {
    retryable: false,
  });
}

function invalid(message: string): ShoplakeError {
  return new ShoplakeError('invalid_argument', message, { retryable: false });
}
