import { stemmer as french } from '@orama/stemmers/french'
import { stemmer as german } from '@orama/stemmers/german'
import { stemmer as italian } from '@orama/stemmers/italian'
import { stemmer as portuguese } from '@orama/stemmers/portuguese'
import { stemmer as spanish } from '@orama/stemmers/spanish'
import { stemmer as porter } from 'stemmer'

/**
 * Stemmers by the name a language pack gives: English uses the Porter stemmer of `stemmer`
 * (Orama's English one cuts "inspection" to "inspec" but "inspect" to "inspect"); the others are
 * Orama's Snowball ports. A pack naming a stemmer that is not here gets words unstemmed.
 */
const STEMMERS: Record<string, (word: string) => string> = {
  porter,
  es: spanish,
  fr: french,
  de: german,
  it: italian,
  pt: portuguese,
}

const identity = (word: string) => word

/**
 * The stemming function a pack names.
 *
 * @example
 * ```ts
 * stemmerFor('es')('camionetas') // 'camionet'
 * ```
 */
export function stemmerFor(name: string): (word: string) => string {
  return STEMMERS[name] ?? identity
}
