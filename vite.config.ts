import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  plugins: [
    solid(),
    // The service worker precaches the app shell, so a reload with no network opens the app (its data
    // is in IndexedDB). 'prompt': a new version waits until the biller reloads, never mid-work.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/health/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
});
