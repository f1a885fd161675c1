import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { mockFeedPlugin } from './mock/plugin.ts'
import { firstScreenPreloadPlugin } from './scripts/first-screen-preload.ts'
import { versionFilePlugin } from './scripts/version-file.ts'

export default defineConfig({
  // Relative base: the built cockpit can be dropped into any folder of a static host.
  base: './',
  // The default rotation's first screen (src/wall/screens/index.ts) is preloaded with the entry.
  plugins: [vue(), mockFeedPlugin(), firstScreenPreloadPlugin('/src/wall/screens/OverviewScreen.vue'), versionFilePlugin()],
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
  test: {
    // Both cores: the default leaves one idle on a two-core machine.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page polled for a state waits as long as a busy two-core machine can take to load
          // it: the default second failed a 32:9 page that was merely slow, never wrong.
          expect: { poll: { timeout: 15_000 } },
          // One Chromium for the run, files side by side on every core the machine has.
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
