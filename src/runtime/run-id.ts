// Run ids sort by time and are unique enough to name files: r-20261125T184700Z-1a2b3c.

import { randomBytes } from 'node:crypto';

export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `r-${stamp}-${randomBytes(3).toString('hex')}`;
}
