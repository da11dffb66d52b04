import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const CATEGORIES = [
  'direct',
  'paraphrase',
  'casual',
  'multi',
  'inventory',
  'page',
  'followup',
  'spanish',
  'unanswerable',
  'hostile',
] as const
export type Category = (typeof CATEGORIES)[number]

/** What a right answer holds: each item a fact, or a list of accepted ways to state it. */
export type Expectation = string | string[]

export interface Question {
  id: string
  category: Category
  ask: string
  turns?: string[]
  page?: {
    stockNumber?: string
    vin?: string
    year?: number
    make?: string
    model?: string
    trim?: string
    price?: number
  }
  expect?: Expectation[]
  count?: number
  source?: string
  forbid?: string[]
  language?: string
  model?: Record<string, Record<string, unknown>>
}

export interface Dealership {
  slug: string
  name: string
  timezone?: string
  languages: string[]
  /** Absolute paths of the documents to upload. */
  documents: string[]
  questions: Question[]
}

const ROOT = fileURLToPath(new URL('../dealerships/', import.meta.url))

/**
 * The suite's fictional dealerships, each with its documents and questions, checked for the
 * mistakes that would make a question unfair (a missing source, a duplicate id).
 */
export async function loadDealerships(only?: string[]): Promise<Dealership[]> {
  const slugs = (await readdir(ROOT, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((slug) => !only || only.includes(slug))
    .sort()
  const dealerships: Dealership[] = []
  for (const slug of slugs) {
    const dir = path.join(ROOT, slug)
    const meta = parse(await readFile(path.join(dir, 'dealership.yaml'), 'utf8')) as {
      name: string
      timezone?: string
      languages?: string[]
    }
    const documents = (await readdir(path.join(dir, 'documents'))).sort()
    const questions = parse(await readFile(path.join(dir, 'questions.yaml'), 'utf8')) as Question[]
    const ids = new Set<string>()
    for (const q of questions) {
      if (ids.has(q.id)) throw new Error(`${slug}: question id ${q.id} is used twice`)
      ids.add(q.id)
      if (!(CATEGORIES as readonly string[]).includes(q.category)) {
        throw new Error(`${slug}/${q.id}: unknown category ${q.category}`)
      }
      if (q.source && !documents.includes(q.source)) {
        throw new Error(`${slug}/${q.id}: source ${q.source} is not among the documents`)
      }
    }
    dealerships.push({
      slug,
      name: meta.name,
      ...(meta.timezone ? { timezone: meta.timezone } : {}),
      languages: meta.languages ?? ['en'],
      documents: documents.map((name) => path.join(dir, 'documents', name)),
      questions,
    })
  }
  return dealerships
}
