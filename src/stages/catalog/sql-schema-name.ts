// The SQL schema a bucket's tables appear under: `curated`, or the system's name with
// underscores (`market_intelligence_hub`). Raw has none: it is never reachable from SQL.

import type { BucketRef } from '../../core/zones.js';

export function sqlSchemaName(bucket: BucketRef): string | undefined {
  if (bucket.zone === 'curated') return 'curated';
  if (bucket.zone === 'prod') return bucket.system.replace(/-/g, '_');
  return undefined;
}
