// What the operations views (status, `/api/status`, `/metrics`) read in the embedded lake: its
// store and engines, the dead-letter folder and the freshness settings.

import { LocalDeadLetterQueue } from '../adapters/local-fs/local-dead-letter-queue.js';
import type { LocalEnvironment } from './local-environment.js';
import type { LakeMetricsDeps } from './metrics/lake-metrics-collector.js';

export function localOperationsDeps(env: LocalEnvironment): LakeMetricsDeps {
  return {
    store: env.store,
    engines: env.engines,
    deadLetters: new LocalDeadLetterQueue(env.config.dataDir),
    freshness: env.config.freshness,
    bucketPrefix: env.config.bucketPrefix,
  };
}
