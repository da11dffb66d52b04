import { createRequire } from 'node:module'
import { fold } from './fold.ts'
import type { LanguagePack } from './pack.ts'

// stopwords-iso is one JSON file of lists by language code; require() reads JSON in every Node.
const STOPWORDS_ISO = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>

/**
 * The words of a language that carry no content: the language's list from `stopwords-iso`, less
 * the words the pack keeps (a generic list drops "new", "used", "open", "parts"), plus the chat
 * words it adds ("hi", "please", "wondering").
 *
 * @example
 * ```ts
 * stopwordsOf(en).has('the') // true
 * stopwordsOf(en).has('used') // false
 * ```
 */
export function stopwordsOf(pack: LanguagePack): ReadonlySet<string> {
  const keep = new Set(pack.stopwords.keep.map(fold))
  const words = new Set<string>()
  for (const word of STOPWORDS_ISO[pack.code] ?? []) {
    const folded = fold(word)
    if (!keep.has(folded)) words.add(folded.replace(/'/g, ''))
  }
  for (const word of pack.stopwords.extra) words.add(fold(word))
  return words
}
