// Plain JavaScript on purpose: TypeScript's `rewriteRelativeImportExtensions` wraps an `import()`
// of a computed URL in a helper that @rollup/plugin-typescript never supplies.
export const importUrl = (url) => import(/* @vite-ignore */ /* webpackIgnore: true */ url)
