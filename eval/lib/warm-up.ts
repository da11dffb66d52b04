import { warmUpLanguages } from '../../packages/server/src/language/warm-up.ts'

/** Loads the question readers' models before timing anything (the server does the same at start). */
export function warmUp(): void {
  warmUpLanguages()
}
