// Element tests in headless Chromium from Debian (test/chromium.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'
import { CHROMIUM_ARGS, chromiumPath } from './test/chromium.mjs'
import { eventsAsEsm } from './test/events-esm.mjs'
import { liveAvatarMiddleware } from './test/liveavatar-middleware.mjs'

export default {
  // The repository root, so the SDK's sources and the hoisted node_modules are served.
  rootDir: '../..',
  files: ['src/test/**/*_test.ts'],
  // Not 'development': socket.io-parser maps it to a CommonJS-only debug build.
  nodeResolve: { browser: true, exportConditions: ['source', 'browser'] },
  plugins: [
    // HeyGen's web SDK imports Node's `events` package, which is CommonJS.
    eventsAsEsm(),
    esbuildPlugin({ ts: true, target: 'es2022' }),
  ],
  middleware: [liveAvatarMiddleware()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath(),
        headless: true,
        args: [
          ...CHROMIUM_ARGS,
          // Spoken answers play without a click; the tests have no visitor to click.
          '--autoplay-policy=no-user-gesture-required',
          // A fake microphone (a beeping tone), granted without a prompt.
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
}
