// The routes `shoplake serve` offers. Each feature's routes live in their own module and are
// listed here; the server knows none of them by name.

import type { Route } from '../route.js';
import { catalogRoute, queryRoute } from './sql-routes.js';

export function defaultRoutes(): Route[] {
  return [catalogRoute, queryRoute];
}
