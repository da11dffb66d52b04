// HeyGen's web SDK imports `EventEmitter` from Node's `events` package, which is CommonJS. The
// widget's rollup build converts it (@rollup/plugin-commonjs); the test server serves it wrapped
// as an ES module instead, with the named exports the SDK imports.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const PATH = '/__avataradam/events.js'

/** A web-test-runner plugin serving `events` as an ES module. */
export function eventsAsEsm() {
  const file = createRequire(import.meta.url).resolve('events/events.js')
  return {
    name: 'events-as-esm',
    resolveImport: ({ source }) => (source === 'events' ? PATH : undefined),
    async serve(context) {
      if (context.path !== PATH) return undefined
      const source = await readFile(file, 'utf8')
      return {
        type: 'js',
        body: `const module = { exports: {} };\n(function (module, exports) {\n${source}\n})(module, module.exports);\nconst EventEmitter = module.exports;\nexport { EventEmitter };\nexport const once = EventEmitter.once;\nexport default EventEmitter;\n`,
      }
    },
  }
}
