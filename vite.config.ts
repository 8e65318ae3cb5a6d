// The renderer build: src-renderer/ → dist-renderer/, served by the headless daemon at "/" and
// by the Electron app's app:// protocol. Relative asset paths work under both; nothing is inlined
// (the page's CSP allows no inline script or style).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
