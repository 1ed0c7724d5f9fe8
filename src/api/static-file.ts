// Reads one file of a built web bundle for the HTTP edge: only plain names below the bundle's
// folder (no `..`, no encoded separators, no symlink leaving it), only known file types.

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** The types a Vite bundle emits; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Letters, digits, dot, dash and underscore per segment: what bundlers name files. A `%`,
// backslash, NUL or empty segment never reaches the file system.
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The file at `relativePath` inside `root`, or undefined when the path is unsafe, names no
 * regular file inside `root`, or has a type we do not serve.
 *
 * @example
 * await readStaticFile('/srv/web/dist', 'assets/index-3f2a.js') // { body, contentType: 'text/javascript; ...' }
 * await readStaticFile('/srv/web/dist', '../package.json')       // undefined
 */
export async function readStaticFile(root: string, relativePath: string): Promise<StaticFile | undefined> {
  const segments = relativePath.split('/');
  if (!segments.every((s) => SAFE_SEGMENT.test(s) && s !== '.' && s !== '..')) return undefined;
  const contentType = CONTENT_TYPES[extname(relativePath).toLowerCase()];
  if (!contentType) return undefined;
  const base = resolve(root);
  const candidate = resolve(base, ...segments);
  if (!candidate.startsWith(base + sep)) return undefined;
  try {
    // A symlink inside the folder must not lead out of it either.
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)]);
    if (!realFile.startsWith(realBase + sep)) return undefined;
    if (!(await stat(realFile)).isFile()) return undefined;
    return { body: await readFile(realFile), contentType };
  } catch (error: unknown) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
