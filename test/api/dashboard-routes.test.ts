import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../../src/api/api-server.js';
import { DASHBOARD_CSP, dashboardRoutes } from '../../src/api/routes/dashboard-routes.js';
import { catalogRoute } from '../../src/api/routes/sql-routes.js';
import { readStaticFile } from '../../src/api/static-file.js';
import { createSqlTestLake, type SqlTestLake } from '../stages/catalog/sql-test-lake.js';

const TOKEN = 'dashboard-test-token-0123456789';
const INDEX =
  '<!doctype html><title>t</title><script type="module" src="/assets/index-AbCd1234.js"></script>';

/** A GET whose path goes to the server as written: fetch() would normalise `..` away first. */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard routes', () => {
  let root: string;
  let dist: string;
  let lake: SqlTestLake;
  let api: ApiServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'shoplake-dash-'));
    dist = join(root, 'web', 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    await writeFile(join(dist, 'assets', 'style-Zz09_-xy.css'), 'body{}');
    await writeFile(join(dist, 'assets', 'notes.txt'), 'plain');
    await writeFile(join(dist, 'assets', 'tool.sh'), 'echo no');
    await writeFile(join(root, 'secret.json'), '{"secret":"outside-the-bundle"}');
    await symlink(join(root, 'secret.json'), join(dist, 'assets', 'escape.json'));
    lake = await createSqlTestLake();
    api = await ApiServer.start(
      {
        store: lake.store,
        engines: lake.engines,
        catalog: lake.catalog,
        sql: lake.sql,
        logger: createSilentLogger(),
        apiToken: TOKEN,
      },
      {
        port: 0,
        host: '127.0.0.1',
        catalogRefreshMs: 0,
        // Every client is treated as remote: the data routes want the token, the bundle does not.
        trustLoopback: false,
        routes: [catalogRoute, ...dashboardRoutes(dist)],
      },
    );
  });
  afterAll(async () => {
    await api.close();
    await lake.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html at / with a strict content security policy and no caching', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(DASHBOARD_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves hashed assets with their type and a year of immutable caching, other files uncached', async () => {
    const js = await fetch(`${api.url}/assets/index-AbCd1234.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await fetch(`${api.url}/assets/style-Zz09_-xy.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const txt = await fetch(`${api.url}/assets/notes.txt`);
    expect(txt.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the bundle without the token while the data routes still require it', async () => {
    expect((await fetch(`${api.url}/`)).status).toBe(200);
    expect((await fetch(`${api.url}/assets/index-AbCd1234.js`)).status).toBe(200);
    expect((await fetch(`${api.url}/api/catalog`)).status).toBe(401);
    const authorized = await fetch(`${api.url}/api/catalog`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(authorized.status).toBe(200);
  });

  it.each([
    '/assets/../../secret.json',
    '/assets/%2e%2e/%2e%2e/secret.json',
    '/assets/..%2f..%2fsecret.json',
    '/assets/..%5c..%5csecret.json',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.json',
    '/assets//etc/passwd',
    '/assets/escape.json',
    '/assets/tool.sh',
    '/assets/',
    '/assets/missing-AbCd1234.js',
  ])('refuses %s without reading outside the bundle', async (path) => {
    const answer = await rawGet(api.url, path);
    expect([401, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('outside-the-bundle');
    expect(answer.body).not.toContain('root:');
  });

  it('answers a page that says what to run when the bundle is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'shoplake-nodist-'));
    const [route] = dashboardRoutes(join(empty, 'dist'));
    const answer = await route!.handle({ path: '/' } as Parameters<NonNullable<typeof route>['handle']>[0]);
    expect(answer.status).toBe(503);
    expect('body' in answer && String(answer.body)).toContain('npm run build:web');
    expect('headers' in answer && answer.headers?.['content-security-policy']).toBe(DASHBOARD_CSP);
    await rm(empty, { recursive: true, force: true });
  });
});

describe('readStaticFile', () => {
  it('reads only plain names of known types inside the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shoplake-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets', 'a-12345678.js'), 'x');
    expect((await readStaticFile(dir, 'assets/a-12345678.js'))?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
    for (const bad of [
      '../x.js',
      'assets/../../x.js',
      'assets\\a.js',
      'assets/%2e.js',
      '',
      'assets/',
      '.hidden.js',
      'assets',
    ]) {
      expect(await readStaticFile(dir, bad)).toBeUndefined();
    }
    await rm(dir, { recursive: true, force: true });
  });
});
