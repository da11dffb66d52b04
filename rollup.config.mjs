// One shared factory for every bundle; each package passes only its entry points.
// Type checking and declarations come from `tsc -b`; rollup only compiles and bundles.
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const ts = (pkg) =>
  typescript({
    tsconfig: false,
    include: [`packages/${pkg}/src/**/*.ts`],
    exclude: ['**/*.test.ts'],
    filterRoot: process.cwd(),
    noForceEmit: false,
    compilerOptions: {
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
    },
  })

/** ESM and CommonJS builds of a library, its dependencies left to the consumer's bundler. */
function library(pkg, entries) {
  return {
    input: Object.fromEntries(entries.map((e) => [e, `packages/${pkg}/src/${e}.ts`])),
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [nodeResolve(), ts(pkg)],
    output: [
      { dir: `packages/${pkg}/dist`, format: 'esm', entryFileNames: '[name].js', sourcemap: true },
      { dir: `packages/${pkg}/dist`, format: 'cjs', entryFileNames: '[name].cjs', sourcemap: true },
    ],
  }
}

export default [library('sdk', ['protocol'])]
