/**
 * The launcher's own words: all the first script carries. The panel's words, in every language,
 * are in strings.ts and load with the panel, which also says the defaults below in the visitor's
 * language.
 */

/**
 * The suggested questions when neither the page nor the dealership set any (in English; the panel
 * shows its language's): each one the demo dealership's documents answer.
 */
export const DEFAULT_SUGGESTIONS = [
  'What are your opening hours?',
  'Do you have used SUVs under $30,000?',
  'What is my trade-in worth?',
  'Can I get financing with bad credit?',
]

/** The first message when neither the page nor the dealership set one (in English, as above). */
export const defaultGreeting = (name: string): string =>
  `Hi, I'm ${name}! Ask me about our cars, financing, service or opening hours.`

/** The launcher's accessible name by language (ISO 639-1); `{name}` is the assistant's. */
const CHAT_WITH: Readonly<Record<string, string>> = {
  en: 'Chat with {name}',
  es: 'Chatear con {name}',
}

/**
 * The launcher's label in a locale's language (`es-MX` → Spanish), English when it has none.
 *
 * @example
 * ```ts
 * launcherLabel('es-MX', 'Adam') // 'Chatear con Adam'
 * ```
 */
export function launcherLabel(locale: string, name: string): string {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? ''
  return (CHAT_WITH[language] ?? CHAT_WITH.en!).replace('{name}', name)
}
