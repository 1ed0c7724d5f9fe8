// Which handler an event goes to, as the S3 notification configuration says in AWS:
// raw data objects → raw-to-curated (serialised per table); a curated table commit
// (`_state/<table>.json`) → curated-to-prod (coalesced).

import { isDataKey, parseRawKey } from '../core/raw-key.js';
import { bucketName, CURATED, RAW } from '../core/zones.js';
import { STATE_PREFIX } from '../stages/curate/table-manifest.js';
import type { Route } from './local-dispatcher.js';

export const RAW_TO_CURATED = 'raw-to-curated';
export const CURATED_TO_PROD = 'curated-to-prod';

export function rawToCuratedRoute(bucketPrefix: string, handler: Route['handler'], maxBatch: number): Route {
  const raw = bucketName(bucketPrefix, RAW);
  return {
    name: RAW_TO_CURATED,
    mode: 'batch',
    maxBatch,
    matches: (bucket, key) => bucket === raw && isDataKey(key),
    groupOf: (key) => {
      const parsed = parseRawKey(key);
      return 'problem' in parsed ? '(invalid)' : parsed.table;
    },
    handler,
  };
}

export function curatedToProdRoute(bucketPrefix: string, handler: Route['handler']): Route {
  const curated = bucketName(bucketPrefix, CURATED);
  return {
    name: CURATED_TO_PROD,
    mode: 'coalesce',
    matches: (bucket, key) => bucket === curated && key.startsWith(STATE_PREFIX) && key.endsWith('.json'),
    handler,
  };
}
