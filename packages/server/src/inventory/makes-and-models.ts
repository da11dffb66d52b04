import type { BodyStyle } from '@avataradam/sdk/protocol'
import { MAKES, MODELS } from './vehicle-words.ts'
import { padded } from './words.ts'

/** A model name compared loosely: "CR-V", "crv" and "Cr V" are one. */
export const modelKey = (text: string): string => padded(text).replace(/ /g, '')

const makeByAlias = new Map<string, string>()
for (const [make, aliases] of Object.entries(MAKES)) {
  makeByAlias.set(modelKey(make), make)
  for (const alias of aliases) makeByAlias.set(modelKey(alias), make)
}

/** Known models: make → model key → { name, body style }, longest names first. */
const modelsByMake = new Map<string, { key: string; name: string; bodyStyle: BodyStyle }[]>()
for (const [full, bodyStyle] of Object.entries(MODELS)) {
  const make = [...Object.keys(MAKES)]
    .filter((m) => full.startsWith(`${m} `))
    .sort((a, b) => b.length - a.length)[0]
  const name = make ? full.slice(make.length + 1) : full
  const list = modelsByMake.get(make ?? '') ?? []
  list.push({ key: modelKey(name), name, bodyStyle: bodyStyle as BodyStyle })
  modelsByMake.set(make ?? '', list)
}
for (const list of modelsByMake.values()) list.sort((a, b) => b.key.length - a.key.length)

/**
 * A make's usual name ("chevy" → "Chevrolet"), or `null` when it is not a known make.
 *
 * @example
 * ```ts
 * canonicalMake('VW') // 'Volkswagen'
 * ```
 */
export function canonicalMake(text: string): string | null {
  return makeByAlias.get(modelKey(text)) ?? null
}

/**
 * What is known of a make and model: the make's usual name and the model's body style.
 *
 * @example
 * ```ts
 * modelInfo('toyota', 'RAV4 Hybrid') // { make: 'Toyota', model: 'RAV4', bodyStyle: 'suv' }
 * ```
 */
export function modelInfo(
  make: string,
  model: string,
): { make: string; model: string | null; bodyStyle: BodyStyle | null } {
  const canonical = canonicalMake(make) ?? make
  const key = modelKey(model)
  const found = modelsByMake.get(canonical)?.find((m) => key.startsWith(m.key))
  return { make: canonical, model: found?.name ?? null, bodyStyle: found?.bodyStyle ?? null }
}

/** Every known make with its aliases, for finding makes in a question. */
export function knownMakes(): ReadonlyMap<string, string> {
  return makeByAlias
}

/** Every known model, for finding models in a question. */
export function knownModels(): { make: string; name: string; bodyStyle: BodyStyle }[] {
  return [...modelsByMake].flatMap(([make, list]) => list.map((m) => ({ make, ...m })))
}
