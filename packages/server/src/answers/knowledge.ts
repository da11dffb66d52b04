import { LRUCache } from 'lru-cache'
import type { Db } from '../db/index.ts'
import { readDocumentWords } from '../facts/facts-repo.ts'
import type { FactsService, TenantFacts } from '../facts/facts-service.ts'
import { inventoryVocabulary } from '../inventory/vehicles-repo.ts'
import type { Term } from '../language/analyze.ts'
import { isEverydayWord } from '../language/everyday.ts'
import { fold } from '../language/fold.ts'
import { LANGUAGE_CODES, languageOf } from '../language/language.ts'
import { createSpeller } from '../language/spelling.ts'
import type { ReaderKnowledge } from './understand/index.ts'
import { vehicleNames } from './understand/vehicle-names.ts'

/** What a dealership's questions are read and answered against, built once for a few seconds. */
export interface TenantKnowledge extends ReaderKnowledge {
  facts: TenantFacts
  /** Whether any document of the dealership uses a term (its stem, in any language). */
  mentions(term: Term): boolean
}

export interface KnowledgeService {
  forTenant(tenantId: string): Promise<TenantKnowledge>
  /** Drops what is remembered of a tenant (its documents or settings changed). */
  forget(tenantId: string): void
}

// Every pack's words: a visitor may misspell "financing" though no document says it.
const PACK_WORDS: readonly string[] = LANGUAGE_CODES.flatMap((code) => {
  const { pack } = languageOf(code)
  return (
    Object.values(pack.concepts)
      .flat()
      .flatMap((phrase) => fold(phrase).split(/[^a-z0-9]+/))
      // Short words are one letter from too many others ("correa" is not "correo").
      .filter((word) => word.length >= 7)
  )
})

const CACHE_MS = 5_000

/**
 * Per dealership: its facts, its inventory's vehicle names, and a speller over the words of its
 * documents and inventory, so that "rav 4s", "warrenty" and "brenda's extension" are read right.
 * Remembered a few seconds (a change on this instance is seen at once).
 */
export function createKnowledgeService(db: Db, facts: FactsService): KnowledgeService {
  const cache = new LRUCache<string, Promise<TenantKnowledge>>({ max: 2000, ttl: CACHE_MS })
  const load = async (tenantId: string): Promise<TenantKnowledge> => {
    const tenantFacts = await facts.forTurn(tenantId)
    const { vocabulary, words } = await db.tenant(tenantId, async (tx) => ({
      vocabulary: await inventoryVocabulary(tx, tenantId),
      words: await readDocumentWords(tx, tenantId),
    }))
    const documentWords = new Set(words)
    const names = vehicleNames(
      vocabulary,
      isEverydayWord,
      (word) => isEverydayWord(word) || documentWords.has(word),
    )
    const inventoryWords = [
      ...vocabulary.models.flatMap((m) => [m.make ?? '', m.model]),
      ...vocabulary.trims,
      ...vocabulary.colors,
      ...tenantFacts.facts.staff.map((s) => s.name),
    ].flatMap((text) => fold(text).split(/[^a-z0-9]+/))
    const stems = new Set<string>()
    for (const word of words) {
      for (const code of LANGUAGE_CODES) stems.add(languageOf(code).stem(word))
    }
    return {
      mentions: (term) => stems.has(term.key) || term.alternatives.some((a) => stems.has(a)),
      facts: tenantFacts,
      staff: tenantFacts.facts.staff,
      names,
      speller: createSpeller([...words, ...inventoryWords, ...PACK_WORDS]),
      languages: tenantFacts.languages,
    }
  }
  return {
    forTenant(tenantId) {
      let found = cache.get(tenantId)
      if (!found) {
        found = load(tenantId)
        cache.set(tenantId, found)
        found.catch(() => cache.delete(tenantId))
      }
      return found
    },
    forget(tenantId) {
      cache.delete(tenantId)
      facts.forget(tenantId)
    },
  }
}
