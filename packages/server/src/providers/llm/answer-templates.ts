// Every sentence of an answer is either copied from a passage or one of these fixed phrases, which
// state no facts about the dealership beyond its name. Tests rely on this being the full list.

/** An answer as the text parts to stream, and the passages it quotes. */
export interface ComposedAnswer {
  parts: string[]
  chunkIds: string[]
}

/** Opens an answer composed from passages. */
export const LEAD_IN = "Here's what I found:"

/** Opens a list of vehicles. */
export const VEHICLES_LEAD_IN = 'Here are the matching vehicles I found:'

/**
 * The reply when the passages do not cover the question: say so and offer a person.
 *
 * @example
 * ```ts
 * noInformationReply("Adam's Auto Sales")
 * ```
 */
export function noInformationReply(dealershipName: string): string {
  return (
    `I don't have information about that from ${dealershipName}, so I'd rather not guess. ` +
    'Would you like me to connect you with someone from our team? They can help with anything ' +
    "I can't answer here."
  )
}

/**
 * The reply when vehicles matched the question but none fits its price or mileage limit.
 *
 * @example
 * ```ts
 * noVehicleInRangeReply("Adam's Auto Sales")
 * ```
 */
export function noVehicleInRangeReply(dealershipName: string): string {
  return (
    "I couldn't find a vehicle in that range in the listings I have. " +
    `Would you like me to connect you with someone from ${dealershipName}? ` +
    'They can check for new arrivals.'
  )
}

/**
 * Replies to small talk, by what the visitor said.
 *
 * @example
 * ```ts
 * smallTalkReplies("Adam's Auto Sales").greeting
 * ```
 */
export function smallTalkReplies(
  dealershipName: string,
): Record<'greeting' | 'thanks' | 'goodbye', string> {
  return {
    greeting:
      `Hi! Welcome to ${dealershipName}. What can I help you with today? ` +
      'Ask me about our vehicles, hours, financing or service.',
    thanks: `You're welcome! If anything else comes up about ${dealershipName}, just ask.`,
    goodbye: `Thanks for chatting with ${dealershipName}. Have a great day!`,
  }
}
