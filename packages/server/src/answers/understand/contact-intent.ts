// Wanting the dealership to act, in English and Spanish: these offer the lead form.
const INTENTS: [RegExp, string][] = [
  [/\btest[\s-]?drive\b|\bprueba de manejo\b|\bprobar (?:el|la|lo|la)\b/i, 'Test drive'],
  [
    /\b(?:call|ring|phone|text)\s+me\b|\bcall\s*back\b|\bll[aá]m(?:en|e)me\b|\bme (?:pueden|puede) llamar\b/i,
    'Call back',
  ],
  [
    /\b(?:contact|email|reach)\s+me\b|\bget\s+in\s+touch\b|\bcontact(?:en|e)me\b|\bcomun[ií]quense\b/i,
    'Contact request',
  ],
  [
    /\b(?:get|want|need|request)\s+(?:a\s+)?(?:quote|price\s+quote|offer|out[\s-]the[\s-]door price)\b|\bcotizaci[oó]n\b/i,
    'Price quote',
  ],
  [
    /\b(?:make|book|schedule|set up)\s+an?\s+appointment\b|\b(?:hacer|agendar|sacar)\s+(?:una\s+)?cita\b/i,
    'Appointment',
  ],
]

/**
 * Why a visitor wants to be contacted, when their message asks for it plainly ("can I test drive
 * it?", "call me", "quiero una cotización"); `null` otherwise. The embedded answerer, which has no
 * language model to decide, offers the lead form on these.
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
