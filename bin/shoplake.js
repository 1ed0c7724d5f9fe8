#!/usr/bin/env -S node --max-semi-space-size=32
// The larger young generation: the pipeline allocates many short-lived rows and strings, and
// with V8's default semi-space the export spent about a quarter of its time in scavenges.
// Runs the built CLI when present (npm run build), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
