import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The renderer build (browser side only). Served by the station host in browser mode and loaded
 * from out/renderer by Electron, hence the relative base and hash routing.
 *
 * Chunking: the entry holds only Vue, the router, Pinia, vue-i18n and the app shell; every role area
 * is a dynamic import (router.ts). Element Plus and its helpers go to one vendor chunk that only the
 * staff areas load, so the kiosk route never downloads it.
 */
const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const stationUrl = process.env.HALL_STATION_URL ?? 'http://127.0.0.1:8080';

const VUE_CORE = /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/;

// The station accepts WebSockets only from its own origin: the dev server speaks for its page as the station's.
const stationProxy = { target: stationUrl, ws: true, changeOrigin: true, headers: { origin: stationUrl } };

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [vue()],
  resolve: { alias: { '@common': fileURLToPath(new URL('./common', import.meta.url)) } },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  server: {
    // `npx vite` for UI work against a running station host (npm run serve).
    proxy: { '/api': stationProxy },
  },
  preview: {
    proxy: { '/api': stationProxy },
  },
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Electron's and the hall browsers' Chromium support modulepreload natively.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    // .vite/manifest.json lets the benchmark sum a route's initial JS (entry + the area's static imports).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vue first: a group also captures its members' dependencies, and Element Plus depends on Vue.
            { name: 'vue', test: VUE_CORE, priority: 20 },
          ],
        },
      },
    },
  },
});
