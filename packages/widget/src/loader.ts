import { originOf } from './origin.ts'

/**
 * How `<avatar-adam>` finds its panel when it is imported as an ES module: a dynamic import the
 * consumer's bundler turns into a lazy chunk. The classic-script build swaps this module for
 * `loader-script.ts` (see rollup.config.mjs), which has the same exports.
 */
export const loadPanel = (): Promise<unknown> => import('./avatar-adam-panel.ts')

/** The origin this code was served from: the default server. */
export const scriptOrigin = originOf(import.meta.url)
