const INTENTS: [RegExp, string][] = [
  [/\btest[\s-]?drive\b/i, 'Test drive'],
  [/\b(?:call|ring|phone|text)\s+me\b|\bcall\s*back\b/i, 'Call back'],
  [
    /\b(?:contact|email|reach)\s+me\b|\bget\s+in\s+touch\b|\b(?:talk|speak)\s+(?:to|with)\s+(?:someone|somebody|a\s+(?:person|human)|(?:a\s+)?(?:salesperson|sales|dealer))\b/i,
    'Contact request',
  ],
  [/\b(?:get|want|need|request)\s+(?:a\s+)?(?:quote|price\s+quote|offer)\b/i, 'Price quote'],
]

/**
 * Why a visitor wants to be contacted, when their message asks for it plainly ("can I test drive
 * it?", "call me", "I'd like to talk to someone"); `null` otherwise. The embedded answerer, which
 * has no language model to decide, offers the lead form on these.
 *
 * @example
 * ```ts
 * contactIntent('Can I book a test drive on Saturday?') // 'Test drive'
 * contactIntent('When are you open?') // null
 * ```
 */
export function contactIntent(message: string): string | null {
  for (const [pattern, reason] of INTENTS) if (pattern.test(message)) return reason
  return null
}
