import nlp from 'compromise'

// The words compromise knows by heart: common English ("couple", "later"), never a typo.
const ENGLISH_LEXICON = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon

/** Whether a lowercase word is a common English word (so no speller should "correct" it). */
export function isCommonEnglishWord(word: string): boolean {
  return Object.hasOwn(ENGLISH_LEXICON, word)
}

/** What part of speech a word plays in its sentence, as far as it matters to answering. */
export type WordClass = 'noun' | 'verb' | 'modifier'

// Taggers by language: compromise reads English well. Other languages get none, and their
// words are weighed as nouns (the safe side: a word no document has declines the answer).
const TAGGERS: Record<string, (text: string) => Map<number, WordClass>> = {
  en: tagEnglish,
}

/**
 * The word class of each word of a text, by the offset where the word starts: what a visitor
 * asks about is a noun ("window tint", "dog"); a verb or adjective no document uses ("figure
 * out", "ding", "regular") is how they asked. Null for a language without a tagger.
 *
 * @example
 * ```ts
 * wordClasses('can i bring my dog', 'en')?.get(15) // 'noun'
 * ```
 */
export function wordClasses(text: string, language: string): Map<number, WordClass> | null {
  return TAGGERS[language]?.(text) ?? null
}

interface TaggedTerm {
  tags: string[]
  offset: { start: number; length: number }
}

function tagEnglish(text: string): Map<number, WordClass> {
  const classes = new Map<number, WordClass>()
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as {
    terms: TaggedTerm[]
  }[]
  for (const sentence of sentences) {
    for (const term of sentence.terms) {
      const tags = new Set(term.tags)
      const wordClass: WordClass | null = tags.has('Noun')
        ? 'noun'
        : tags.has('Verb')
          ? 'verb'
          : tags.has('Adjective') || tags.has('Adverb')
            ? 'modifier'
            : null
      if (wordClass) classes.set(term.offset.start, wordClass)
    }
  }
  return classes
}
