// One shared factory for every bundle; each package passes only its entry points.
// Type checking comes from `tsc -b`; rollup compiles, bundles and writes the public .d.ts files.
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import commonjs from '@rollup/plugin-commonjs'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'

const compilerOptions = {
  target: 'es2022',
  module: 'esnext',
  moduleResolution: 'bundler',
  customConditions: ['source'],
  lib: ['ES2023', 'DOM'],
  strict: true,
  verbatimModuleSyntax: true,
  allowImportingTsExtensions: true,
  rewriteRelativeImportExtensions: true,
  skipLibCheck: true,
  sourceMap: true,
}

/** TypeScript for one package's sources. */
export const ts = (pkg, extra = {}) =>
  typescript({
    tsconfig: false,
    include: [`packages/${pkg}/src/**/*.ts`],
    exclude: ['**/*.test.ts'],
    filterRoot: process.cwd(),
    noForceEmit: false,
    compilerOptions: { ...compilerOptions, ...extra },
  })

const isExternal = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')

/**
 * A library for npm: ESM and CommonJS builds with dependencies left to the consumer's bundler,
 * and bundled declarations for each (`.d.ts` and `.d.cts`), so both module systems get types.
 */
export function library(pkg, entries) {
  const input = Object.fromEntries(entries.map((e) => [e, `packages/${pkg}/src/${e}.ts`]))
  const dir = `packages/${pkg}/dist`
  return [
    {
      input,
      external: isExternal,
      plugins: [nodeResolve(), ts(pkg)],
      output: [
        {
          dir,
          format: 'esm',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          sourcemap: true,
        },
        {
          dir,
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
          sourcemap: true,
        },
      ],
    },
    {
      input,
      external: isExternal,
      plugins: [
        dts({
          tsconfig: `packages/${pkg}/tsconfig.json`,
          compilerOptions: { composite: false, incremental: false, declarationMap: false },
        }),
      ],
      output: [
        {
          dir,
          format: 'esm',
          entryFileNames: '[name].d.ts',
          chunkFileNames: 'chunks/[name]-[hash].d.ts',
        },
        {
          dir,
          format: 'cjs',
          entryFileNames: '[name].d.cts',
          chunkFileNames: 'chunks/[name]-[hash].d.cts',
        },
      ],
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// widget: the `<avatar-adam>` element, as a script tag (CDN) and as an npm ES module.

// Absolute, so scripts/size.ts can import this file from any working directory.
const widgetDir = fileURLToPath(new URL('packages/widget/', import.meta.url))
const widgetSrc = path.join(widgetDir, 'src')
const widgetDist = path.join(widgetDir, 'dist')
const widgetVersion = JSON.parse(readFileSync(path.join(widgetDir, 'package.json'), 'utf8')).version
const widgetBanner = `/*! @avataradam/widget ${widgetVersion} | MIT */`

/**
 * The classic script cannot hold a bundler chunk: it finds the panel next to itself on the
 * server instead, so `loader.ts` is swapped for `loader-script.ts` (same exports).
 */
const widgetScriptLoader = () => ({
  name: 'widget-script-loader',
  resolveId(source, importer) {
    // The TypeScript plugin has already rewritten the `.ts` of relative imports to `.js`.
    if (/^\.\/loader\.[jt]s$/.test(source) && importer?.startsWith(widgetSrc)) {
      return path.join(widgetSrc, 'loader-script.ts')
    }
    return null
  },
})

/**
 * What a browser loads from the server: everything bundled (Lit, the SDK, socket.io-client's
 * browser build), minified. Exported so scripts/size.ts measures the SDK the same way.
 */
export const widgetBrowserPlugins = (module) => [
  nodeResolve({ browser: true }),
  // HeyGen's web SDK imports Node's `events` package, which is CommonJS.
  commonjs(),
  ts('widget'),
  terser({ module, ecma: 2020, compress: { passes: 2 }, format: { comments: /^!/ } }),
]

/** Hashed chunks of an earlier build would otherwise pile up in the published package. */
const clean = (dir) => ({
  name: 'clean',
  buildStart() {
    rmSync(dir, { recursive: true, force: true })
  },
})

/** The classic script exports nothing; importing it (for its side effect) is still typed. */
const scriptTypes = () => ({
  name: 'script-types',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'avatar-adam.d.ts',
      source:
        '// The script-tag build: it defines <avatar-adam> and mounts one from its data-* attributes.\nexport {}\n',
    })
  },
})

export function widget() {
  return [
    // dist/avatar-adam.js: the classic script a page includes; only the launcher.
    {
      input: `${widgetSrc}/script.ts`,
      plugins: [widgetScriptLoader(), ...widgetBrowserPlugins(false), scriptTypes()],
      output: {
        file: `${widgetDist}/avatar-adam.js`,
        format: 'iife',
        banner: widgetBanner,
        sourcemap: true,
      },
    },
    // dist/avatar-adam-panel.js: the chat panel that script imports (an ES module) on first open.
    {
      input: { 'avatar-adam-panel': `${widgetSrc}/avatar-adam-panel.ts` },
      plugins: [clean(`${widgetDist}/cdn`), ...widgetBrowserPlugins(true)],
      output: {
        dir: widgetDist,
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'cdn/[name]-[hash].js',
        banner: widgetBanner,
        sourcemap: true,
      },
    },
    // dist/index.js for npm: dependencies left to the app's bundler, the panel a lazy chunk.
    // TypeScript's decorator helpers (tslib) are bundled: tslib is no dependency of the widget.
    {
      input: { index: `${widgetSrc}/index.ts` },
      external: (id) => isExternal(id) && id !== 'tslib',
      plugins: [clean(`${widgetDist}/chunks`), nodeResolve(), ts('widget')],
      output: {
        dir: widgetDist,
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: true,
      },
    },
    {
      input: { index: `${widgetSrc}/index.ts` },
      external: isExternal,
      plugins: [
        dts({
          tsconfig: 'packages/widget/tsconfig.json',
          compilerOptions: { composite: false, incremental: false, declarationMap: false },
        }),
      ],
      output: { dir: widgetDist, format: 'esm', entryFileNames: '[name].d.ts' },
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// portal: the dealership portal, a single-page app the server serves at /portal.

const portalDir = fileURLToPath(new URL('packages/portal/', import.meta.url))
const portalDist = path.join(portalDir, 'dist')

/**
 * Writes `index.html` around the hashed entry chunk and a hashed copy of the global stylesheet.
 * Everything but `index.html` sits in `assets/`, so the server can cache those for a year.
 */
const portalHtml = () => ({
  name: 'portal-html',
  generateBundle(_options, bundle) {
    const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry)
    const css = readFileSync(path.join(portalDir, 'src/styles.css'), 'utf8')
    const cssHash = createHash('sha256').update(css).digest('base64url').slice(0, 10)
    const cssFile = `assets/styles-${cssHash}.css`
    this.emitFile({ type: 'asset', fileName: cssFile, source: css })
    const html = readFileSync(path.join(portalDir, 'index.html'), 'utf8')
      .replace('%SCRIPT%', `/portal/${entry.fileName}`)
      .replace('%STYLES%', `/portal/${cssFile}`)
    this.emitFile({ type: 'asset', fileName: 'index.html', source: html })
  },
})

export function portal() {
  return [
    {
      input: { main: path.join(portalDir, 'src/main.ts') },
      plugins: [
        // tsc -b writes its declarations to dist/types; only the served files are replaced.
        clean(path.join(portalDist, 'assets')),
        nodeResolve({ browser: true }),
        commonjs(),
        ts('portal'),
        terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: /^!/ } }),
        portalHtml(),
      ],
      output: {
        dir: portalDist,
        format: 'esm',
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        sourcemap: true,
      },
    },
  ]
}

export default [...library('sdk', ['index', 'protocol']), ...widget(), ...portal()]
