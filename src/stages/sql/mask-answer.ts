// Masks every string of a query answer: curated data is already masked, so this only matters
// if something slipped through upstream; it is the last gate before a person or a model.

import type { JsonValue } from '../../ports/sql-engine.js';
import { maskFreeText } from '../curate/masking/mask-free-text.js';

/** A copy of `value` with card numbers, SSNs and emails masked in every string, at any depth. */
export function maskJsonValue(value: JsonValue): JsonValue {
  if (typeof value === 'string') return maskFreeText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(maskJsonValue);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, child] of Object.entries(value)) out[maskFreeText(key)] = maskJsonValue(child);
  return out;
}
