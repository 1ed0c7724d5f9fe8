// Operations over HTTP: GET /api/status (the lake at a glance, the dashboard's overview) and
// GET /metrics (Prometheus text format 0.0.4).

import { ShoplakeError } from '../../core/shoplake-error.js';
import { buildLakeStatus } from '../../runtime/lake-status.js';
import { LakeMetricsCollector, type LakeMetricsDeps } from '../../runtime/metrics/lake-metrics-collector.js';
import type { QuarantineCount } from '../../stages/curate/quarantine-by-rule.js';
import type { Route } from '../route.js';

const MAX_RECENT_RUNS = 500;

/**
 * @example
 * new ApiServer(deps, { routes: [...defaultRoutes(), ...operationsRoutes(localOperationsDeps(env))] });
 * // GET /api/status?runs=50 → LakeStatus with the 50 most recent runs; GET /metrics → Prometheus text
 */
export function operationsRoutes(deps: LakeMetricsDeps): Route[] {
  const collector = new LakeMetricsCollector(deps);
  const quarantineCache = new Map<string, QuarantineCount[]>();
  return [
    {
      method: 'GET',
      path: '/api/status',
      handle: async (context) => ({
        status: 200,
        json: await buildLakeStatus(deps, {
          quarantineCache,
          recentRuns: recentRuns(context.searchParams.get('runs')),
        }),
      }),
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: async () => ({
        status: 200,
        body: await collector.scrape(),
        contentType: collector.contentType,
      }),
    },
  ];
}

function recentRuns(value: string | null): number {
  if (value === null) return 20;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= MAX_RECENT_RUNS) return n;
  throw new ShoplakeError(
    'invalid_argument',
    `"runs" must be a whole number from 0 to ${MAX_RECENT_RUNS}, not "${value}".`,
    {
      retryable: false,
    },
  );
}
