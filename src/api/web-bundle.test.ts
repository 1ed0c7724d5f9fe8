import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebBundle, webBundleState, webDistDir } from './web-bundle.js';

describe('web bundle', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A minimal Vite project: an index.html and one module. */
  async function project(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'shoplake-web-'));
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'vite.config.ts'), 'export default { build: { outDir: "dist" } };\n');
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html><body><script type="module" src="./src/main.ts"></script></body></html>\n',
    );
    await writeFile(join(dir, 'src', 'main.ts'), 'document.body.append("built by the test");\n');
    return dir;
  }

  it('builds a missing bundle, then leaves a current one alone', async () => {
    const web = await project();
    expect(webBundleState(web)).toBe('missing');
    const reasons: string[] = [];
    const first = await ensureWebBundle({ webDir: web, onBuild: (state) => reasons.push(state) });
    expect(first).toEqual({ distDir: webDistDir(web), built: true });
    expect(reasons).toEqual(['missing']);
    const assets = readdirSync(join(web, 'dist', 'assets'));
    expect(assets.some((name) => /^index-[A-Za-z0-9_-]{8}\.js$/.test(name))).toBe(true);
    expect(readFileSync(join(web, 'dist', 'index.html'), 'utf8')).toMatch(/src="\/assets\/index-/);
    // No half-built folder is left behind.
    expect(readdirSync(web).filter((name) => name.startsWith('.dist-build-'))).toEqual([]);
    expect(webBundleState(web)).toBe('current');
    expect((await ensureWebBundle({ webDir: web })).built).toBe(false);
  });

  it('rebuilds when a source is newer than the bundle, but not for a test file', async () => {
    const web = await project();
    await ensureWebBundle({ webDir: web });
    const later = new Date(Date.now() + 60_000);
    await writeFile(join(web, 'src', 'main.test.ts'), '// a test, not part of the bundle\n');
    utimesSync(join(web, 'src', 'main.test.ts'), later, later);
    expect(webBundleState(web)).toBe('current');
    utimesSync(join(web, 'src', 'main.ts'), later, later);
    expect(webBundleState(web)).toBe('stale');
    const reasons: string[] = [];
    await ensureWebBundle({ webDir: web, onBuild: (state) => reasons.push(state) });
    expect(reasons).toEqual(['stale']);
    expect(existsSync(join(web, 'dist', 'index.html'))).toBe(true);
  });

  it('builds once when several callers ask at the same time', async () => {
    const web = await project();
    const reasons: string[] = [];
    const results = await Promise.all(
      [1, 2, 3].map(() => ensureWebBundle({ webDir: web, onBuild: (state) => reasons.push(state) })),
    );
    expect(results.filter((r) => r.built)).toHaveLength(1);
    expect(reasons).toEqual(['missing']);
    expect(webBundleState(web)).toBe('current');
    expect(existsSync(join(web, '.dist-build.lock'))).toBe(false);
  });

  it('says what to run when the build fails', async () => {
    const web = await project();
    await writeFile(join(web, 'src', 'main.ts'), 'import "./missing-module.js";\n');
    await expect(ensureWebBundle({ webDir: web })).rejects.toThrow(/npm run build:web/);
    expect(existsSync(webDistDir(web))).toBe(false);
  });
});
