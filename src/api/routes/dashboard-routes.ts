// The web dashboard: GET / answers the built index.html and GET /assets/* its hashed files.
// The pages route by URL hash (#/market), so no other path needs a fallback to index.html.
// Static files hold no data, so they are served without a token; the data routes still ask.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Route, RouteAnswer } from '../route.js';
import { readStaticFile } from '../static-file.js';

/** No inline script or style, nothing from another origin, no framing. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

// Vite names built files `<name>-<8-char hash>.<ext>`: their content never changes under a name.
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** The routes of the dashboard whose built files are in `distDir` (web/dist). */
export function dashboardRoutes(distDir: string): Route[] {
  return [
    { method: 'GET', path: '/', public: true, handle: () => index(distDir) },
    {
      method: 'GET',
      path: '/assets/',
      public: true,
      async handle(context) {
        const relative = context.path.slice(1);
        const file = await readStaticFile(distDir, relative);
        if (!file) throw new ShoplakeError('not_found', `No dashboard file ${context.path}.`);
        const cache = HASHED_NAME.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
        return {
          status: 200,
          body: file.body,
          contentType: file.contentType,
          headers: { ...SECURITY_HEADERS, 'cache-control': cache },
        };
      },
    },
  ];
}

async function index(distDir: string): Promise<RouteAnswer> {
  const file = await readStaticFile(distDir, 'index.html');
  if (!file) {
    return {
      status: 503,
      body: NOT_BUILT_PAGE,
      contentType: 'text/html; charset=utf-8',
      headers: { ...SECURITY_HEADERS, 'cache-control': 'no-store' },
    };
  }
  return {
    status: 200,
    body: file.body,
    contentType: file.contentType,
    headers: { ...SECURITY_HEADERS, 'cache-control': 'no-cache' },
  };
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shoplake: dashboard not built</title></head>
<body><h1>The dashboard is not built yet</h1>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it when needed), then reload this page.
The API itself is up: <a href="/api/catalog">/api/catalog</a>.</p></body></html>
`;
