/**
 * The console's build (docs/console.md). It is served under /console/ by the local service and
 * by the deployed site alike, so its pages name their assets there: a deep link such as
 * /console/dataset-groups/movies loads the same files as /console/.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One bundle for a console on the user's own network or CloudFront: its size is not a concern.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Cloudscape marks its modules "use client" for React Server Components; a single-page
        // app has no server components, so the directive means nothing here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // Vite's own transform compiles the JSX (React's automatic runtime); no plugin is needed.
  oxc: { jsx: { runtime: 'automatic' } },
  // The component tests (console/test): in jsdom, no service and no browser.
  test: { environment: 'jsdom', include: ['test/**/*.test.{ts,tsx}'] },
});
