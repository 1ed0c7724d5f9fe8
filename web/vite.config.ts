// Vite builds the dashboard into web/dist: hashed files under /assets/, no inline script or
// style (the server's Content-Security-Policy allows neither), Preact's JSX.

import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inlining would turn small files into data: URLs, which the CSP refuses.
    assetsInlineLimit: 0,
    // The polyfill is for browsers older than the ES2022 target.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    chunkSizeWarningLimit: 400,
  },
});
