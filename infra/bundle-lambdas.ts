// Bundles the Lambda entry points offline: esbuild (already installed with tsx) turns each
// into one ES module; packages that load native or wasm files from their own folder at run
// time (DuckDB, augurs, YDF's trainer) stay external and are copied next to it. No Docker, no npm install.

import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export const LAMBDA_ENTRIES = ['raw-to-curated', 'curated-to-prod', 'export', 'catalog', 'api'] as const;
export type LambdaEntry = (typeof LAMBDA_ENTRIES)[number];

export const LAMBDA_ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The DuckDB binary must match the function's architecture: arm64 needs @duckdb/node-bindings-linux-arm64 installed. */
function externalPackages(architecture: LambdaArchitecture): readonly string[] {
  const bindings = architecture === 'arm64' ? 'node-bindings-linux-arm64' : 'node-bindings-linux-x64';
  return [
    '@duckdb/node-api',
    '@duckdb/node-bindings',
    `@duckdb/${bindings}`,
    'detect-libc',
    '@bsull/augurs',
    'ydf-training',
  ];
}

/**
 * Builds `dist/lambda/<entry>/index.mjs` (+ node_modules) and returns the folder, ready for
 * `lambda.Code.fromAsset`. Handler: `index.handler`.
 */
export function bundleLambda(entry: LambdaEntry, architecture: LambdaArchitecture): string {
  const out = join(ROOT, 'dist', 'lambda', `${entry}-${architecture}`);
  rmSync(out, { recursive: true, force: true });
  buildSync({
    entryPoints: [join(ROOT, 'src', 'runtime', 'lambda', `${entry}.ts`)],
    outfile: join(out, 'index.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS (mysql2, the AWS SDK) still calls require.
    banner: {
      js: "import { createRequire as shoplakeCreateRequire } from 'node:module'; const require = shoplakeCreateRequire(import.meta.url);",
    },
    // vite only builds the dashboard for `shoplake serve` (a guarded dynamic import); no Lambda runs it.
    external: ['@duckdb/*', '@bsull/augurs', '@bsull/augurs/*', 'ydf-training', 'vite'],
    sourcemap: 'linked',
    logLevel: 'error',
  });
  for (const name of externalPackages(architecture)) {
    const from = join(ROOT, 'node_modules', name);
    if (!existsSync(from)) {
      throw new Error(
        `${name} is not installed; run \`npm install ${name}\` (needed for ${architecture} Lambdas).`,
      );
    }
    const to = join(out, 'node_modules', name);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: true, dereference: true });
  }
  return out;
}
