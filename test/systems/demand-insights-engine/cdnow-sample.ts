// Reads the CDNOW 1/10 sample from the shared data sets, which sit beside the repository
// (in a session and in CI alike), as CLV transactions keyed by the sample id.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClvTransaction } from '../../../src/systems/demand-insights-engine/clv/index.js';

export const CDNOW_SAMPLE_PATH = fileURLToPath(
  new URL('../../../../shared/datasets/cdnow/CDNOW_sample.txt', import.meta.url),
);

/** Columns: master id, sample id, date YYYYMMDD, number of CDs, dollar value. */
export function loadCdnowSample(path: string = CDNOW_SAMPLE_PATH): readonly ClvTransaction[] {
  const rows: ClvTransaction[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [, sampleId = '', yyyymmdd = '', , dollars = ''] = fields;
    rows.push({ customerId: sampleId, date: parseYyyymmdd(yyyymmdd), amount: Number(dollars) });
  }
  return rows;
}

export function parseYyyymmdd(value: string): Date {
  return new Date(
    Date.UTC(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8))),
  );
}
