// A short status word in colour (pass/fail, severity, run outcome), always with the word
// itself so colour is never the only signal.

import type { Cell } from '../api/api-types.js';
import { humanize } from '../format.js';

const TONE: Readonly<Record<string, string>> = {
  pass: 'good',
  passed: 'good',
  succeeded: 'good',
  ok: 'good',
  low: 'good',
  fresh: 'good',
  answered: 'good',
  warn: 'warn',
  warning: 'warn',
  medium: 'warn',
  retried: 'warn',
  stale: 'warn',
  rising: 'good',
  up: 'good',
  falling: 'bad',
  down: 'bad',
  fail: 'bad',
  failed: 'bad',
  high: 'bad',
  refused: 'bad',
  critical: 'critical',
};

export function Badge({ value }: { value: Cell }) {
  const key = String(value ?? '').toLowerCase();
  return <span class={`badge badge--${TONE[key] ?? 'neutral'}`}>{humanize(value)}</span>;
}
