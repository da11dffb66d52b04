import type { LanguagePack } from '../pack.ts'
import en from './en.ts'
import es from './es.ts'

/**
 * The languages the assistant speaks. English comes first: it is the fallback, and the language
 * of the concepts every pack maps to. A new language is a pack beside these, listed here.
 */
export const PACKS: readonly LanguagePack[] = [en, es]
