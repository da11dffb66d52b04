// One shared factory for every bundle; each package passes only its entry points.
// Type checking comes from `tsc -b`; rollup compiles, bundles and writes the public .d.ts files.
import nodeResolve from '@rollup/plugin-node-resolve'
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

export default [...library('sdk', ['index', 'protocol'])]
