// The routes `shoplake serve` offers. Each feature's routes live in their own module and are
// listed here; the server knows none of them by name.

import type { LakeMetricsDeps } from '../../runtime/metrics/lake-metrics-collector.js';
import type { Copilot } from '../../stages/copilot/copilot.js';
import type { Route } from '../route.js';
import { webDistDir } from '../web-bundle.js';
import { copilotRoutes } from './copilot-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { operationsRoutes } from './operations-routes.js';
import { catalogRoute, queryRoute } from './sql-routes.js';

export interface DefaultRouteDeps {
  /** The dashboard's built bundle; default web/dist of this checkout. */
  readonly webDistDir?: string;
  /** What GET /api/status and GET /metrics read; without it the server offers neither. */
  readonly operations?: LakeMetricsDeps;
  /** The configured copilot for POST /api/ask; default: semantic layer only, questions logged. */
  readonly copilot?: Copilot;
}

export function defaultRoutes(deps: DefaultRouteDeps = {}): Route[] {
  return [
    catalogRoute,
    queryRoute,
    ...copilotRoutes({ copilot: deps.copilot }),
    ...(deps.operations ? operationsRoutes(deps.operations) : []),
    ...dashboardRoutes(deps.webDistDir ?? webDistDir()),
  ];
}
