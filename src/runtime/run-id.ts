// Run ids sort by time and are unique enough to name files: r-20261125T184700Z-1a2b3c (a
// handler invocation) or p-20261125T184700Z-1a2b3c (a local pipeline run: run, replay, redrive).

import { randomBytes } from 'node:crypto';

export function newRunId(now = new Date(), kind: 'r' | 'p' = 'r'): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}-${stamp}-${randomBytes(3).toString('hex')}`;
}
