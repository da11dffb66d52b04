/**
 * The concepts (see the language packs) that are vehicle features: a feed's "Options" column
 * and a visitor's "with a sunroof" meet on them.
 */
export const FEATURE_CONCEPTS: ReadonlySet<string> = new Set([
  'third row',
  'leather',
  'sunroof',
  'heated seats',
  'navigation',
  'backup camera',
  'apple carplay',
  'android auto',
  'bluetooth',
  'remote start',
  'blind spot',
  'tow package',
  'adaptive cruise',
])
