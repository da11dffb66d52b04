import { fold } from './fold.ts'
import type { AnswerType, InventorySortKey, LanguagePack, Weekday } from './pack.ts'
import { PACKS } from './packs/index.ts'
import { listMatcher, type PhraseMatcher, phraseMatcher } from './phrases.ts'
import { stemmerFor } from './stem.ts'
import { stopwordsOf } from './stopwords.ts'
import { tokensOf } from './tokenize.ts'

/** A language pack made ready to use: its word lists compiled into matchers, once. */
export interface Language {
  code: string
  pack: LanguagePack
  stem(word: string): string
  stopwords: ReadonlySet<string>
  concepts: PhraseMatcher<string>
  days: PhraseMatcher<Weekday>
  dayWords: PhraseMatcher<keyof LanguagePack['dayWords']>
  months: PhraseMatcher<number>
  holidays: PhraseMatcher<string>
  compare: PhraseMatcher<keyof LanguagePack['compare']>
  units: PhraseMatcher<keyof LanguagePack['units']>
  sort: PhraseMatcher<InventorySortKey>
  questionTypes: PhraseMatcher<AnswerType>
  intents: { [K in Exclude<keyof LanguagePack['intents'], 'sort'>]: PhraseMatcher<true> }
  time: { [K in keyof LanguagePack['time']]: ReadonlySet<string> }
  /** The stems of the pack's frame words ("policy", "program"). */
  frame: ReadonlySet<string>
  /** Every word the pack knows (stopwords, concept words, days, intents), for telling languages apart. */
  vocabulary: ReadonlySet<string>
}

function vocabularyOf(pack: LanguagePack, stopwords: ReadonlySet<string>): ReadonlySet<string> {
  const words = new Set(stopwords)
  const add = (phrases: readonly string[]) => {
    for (const phrase of phrases) for (const token of tokensOf(fold(phrase))) words.add(token.text)
  }
  for (const list of Object.values(pack.concepts)) add(list)
  for (const list of Object.values(pack.days)) add(list)
  for (const list of Object.values(pack.dayWords)) add(list)
  for (const [key, list] of Object.entries(pack.intents)) {
    if (key === 'sort') for (const phrases of Object.values(list)) add(phrases as string[])
    else add(list as string[])
  }
  for (const list of Object.values(pack.compare)) add(list)
  for (const list of Object.values(pack.units)) add(list)
  for (const list of Object.values(pack.time)) add(list)
  for (const list of Object.values(pack.holidays)) add(list)
  for (const list of pack.months) add(list)
  for (const list of Object.values(pack.questionTypes)) add(list)
  add(Object.keys(pack.multipliers))
  add(pack.stopwords.keep)
  add(pack.frame)
  return words
}

/** The concept of each weekday: its English name. */
export const DAY_CONCEPTS: Record<Weekday, string> = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
}

function compile(pack: LanguagePack): Language {
  const stem = stemmerFor(pack.stemmer)
  const cache = new Map<string, string>()
  const { sort, ...intents } = pack.intents
  const stopwords = stopwordsOf(pack)
  return {
    code: pack.code,
    pack,
    stem(word) {
      let stemmed = cache.get(word)
      if (stemmed === undefined) {
        stemmed = stem(word)
        if (cache.size > 50_000) cache.clear()
        cache.set(word, stemmed)
      }
      return stemmed
    },
    stopwords,
    frame: new Set(pack.frame.map((word) => stem(fold(word)))),
    vocabulary: vocabularyOf(pack, stopwords),
    // Day names are concepts too, so "sábado" meets "Saturday".
    concepts: phraseMatcher({
      ...pack.concepts,
      ...Object.fromEntries(
        Object.entries(pack.days).map(([day, names]) => [DAY_CONCEPTS[day as Weekday], names]),
      ),
    }),
    days: phraseMatcher(pack.days),
    dayWords: phraseMatcher(pack.dayWords),
    months: phraseMatcher(
      Object.fromEntries(pack.months.map((names, i) => [i + 1, names])),
    ) as unknown as PhraseMatcher<number>,
    holidays: phraseMatcher(pack.holidays),
    compare: phraseMatcher(pack.compare),
    units: phraseMatcher(pack.units),
    sort: phraseMatcher(sort),
    questionTypes: phraseMatcher(pack.questionTypes),
    intents: Object.fromEntries(
      Object.entries(intents).map(([key, phrases]) => [key, listMatcher(phrases)]),
    ) as Language['intents'],
    time: Object.fromEntries(
      Object.entries(pack.time).map(([key, words]) => [key, new Set(words.map(fold))]),
    ) as unknown as Language['time'],
  }
}

const LANGUAGES = new Map(PACKS.map((pack) => [pack.code, compile(pack)]))

/** English: the fallback language, and the language of concepts. */
export const ENGLISH = LANGUAGES.get('en')!

/**
 * The compiled language of a code (`es`, `es-MX` → Spanish); English for a code without a pack.
 *
 * @example
 * ```ts
 * languageOf('es-MX').pack.name // 'Español'
 * ```
 */
export function languageOf(code: string | null | undefined): Language {
  const base = code?.toLowerCase().split(/[-_]/)[0] ?? 'en'
  return LANGUAGES.get(base) ?? ENGLISH
}

/** Codes of every language with a pack, English first. */
export const LANGUAGE_CODES: readonly string[] = PACKS.map((pack) => pack.code)
