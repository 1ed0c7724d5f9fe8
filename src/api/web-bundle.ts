// The dashboard's built bundle (web/dist): where it is, whether it matches its sources, and
// building it with Vite when it does not, so `npm start` on a fresh clone serves a dashboard.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage, ShoplakeError } from '../core/shoplake-error.js';

/** The web/ folder of this checkout (the same from src/ under tsx and from dist/ once compiled). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export type WebBundleState = 'missing' | 'stale' | 'current';

/** Where `npm run build:web` puts the bundle for `webDir`. */
export function webDistDir(webDir = WEB_DIR): string {
  return join(webDir, 'dist');
}

/** `stale` when a source file (tests aside) is newer than the built index.html. */
export function webBundleState(webDir = WEB_DIR): WebBundleState {
  const index = join(webDistDir(webDir), 'index.html');
  if (!existsSync(index)) return 'missing';
  const builtAt = statSync(index).mtimeMs;
  return newestSourceMtime(webDir) > builtAt ? 'stale' : 'current';
}

/**
 * Builds the bundle into a fresh folder, then swaps it in, so a server reading the old one
 * never sees half a build. Needs the dev dependencies (vite, preact, chart.js).
 *
 * @example
 * const { seconds } = await buildWebBundle(); // web/dist/index.html and web/dist/assets/*
 */
export async function buildWebBundle(webDir = WEB_DIR): Promise<{ seconds: number }> {
  const started = performance.now();
  const vite = await import('vite').catch((error: unknown) => {
    throw new ShoplakeError(
      'not_ready',
      `The dashboard is not built and Vite cannot be loaded (${errorMessage(error)}): run \`npm ci\` (dev dependencies included), then \`npm run build:web\`.`,
      { retryable: false, cause: error },
    );
  });
  const outDir = join(webDir, `.dist-build-${process.pid}-${Date.now()}`);
  try {
    await vite.build({
      root: webDir,
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    await rm(webDistDir(webDir), { recursive: true, force: true });
    await rename(outDir, webDistDir(webDir));
  } catch (error: unknown) {
    await rm(outDir, { recursive: true, force: true });
    if (error instanceof ShoplakeError) throw error;
    throw new ShoplakeError(
      'not_ready',
      `Building the dashboard failed: ${errorMessage(error)}. Run \`npm run build:web\` to see the full output.`,
      { retryable: false, cause: error },
    );
  }
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * Builds the bundle when it is missing or older than its sources; says why through `onBuild`.
 * Processes starting at once (two test files, a server and a test) build it once between them.
 */
export async function ensureWebBundle(
  options: { webDir?: string; onBuild?: (state: Exclude<WebBundleState, 'current'>) => void } = {},
): Promise<{ distDir: string; built: boolean }> {
  const webDir = options.webDir ?? WEB_DIR;
  if (webBundleState(webDir) === 'current') return { distDir: webDistDir(webDir), built: false };
  const lock = join(webDir, '.dist-build.lock');
  await acquireLock(lock);
  try {
    // Whoever held the lock before may have built it already.
    const state = webBundleState(webDir);
    if (state === 'current') return { distDir: webDistDir(webDir), built: false };
    options.onBuild?.(state);
    await buildWebBundle(webDir);
    return { distDir: webDistDir(webDir), built: true };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

const LOCK_WAIT_MS = 120_000;
// A build takes seconds; a lock this old was left by a process that died mid-build.
const STALE_LOCK_MS = 300_000;

// mkdir is atomic: exactly one process creates the folder.
async function acquireLock(lock: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new ShoplakeError(
        'not_ready',
        `Another process has been building the dashboard for ${Math.round(age / 1000)}s (${lock}); if none is, remove that folder.`,
        { retryable: false },
      );
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Sources are web/index.html, web/vite.config.ts, web/tsconfig.json and web/src/**.
function newestSourceMtime(webDir: string): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (!path.endsWith('.test.ts')) {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const name of ['index.html', 'vite.config.ts', 'tsconfig.json', 'src']) visit(join(webDir, name));
  return newest;
}
