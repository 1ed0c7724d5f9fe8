// Masks every string inside a value (log fields, run records, error payloads) so that no
// card number, SSN or email leaves the pipeline through side channels.

import { maskFreeText } from './mask-free-text.js';

export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskFreeText(value);
  if (typeof value === 'bigint') return value.toString();
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskFreeText(value.message),
      code: (value as { code?: unknown }).code,
      stack: value.stack ? maskFreeText(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}
