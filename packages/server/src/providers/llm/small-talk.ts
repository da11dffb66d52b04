import { tokenize } from '../text/tokenize.ts'

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '))

const GREETING = words(
  'hi hello hey hiya howdy yo greetings good morning afternoon evening there how are you doing ' +
    'whats up sup all folks guys',
)
const THANKS = words(
  'thanks thank thx ty cheers appreciate appreciated ok okay k cool great awesome nice ' +
    'perfect got it sure alright yes yeah yep no nope so much very lol that helps helpful ' +
    'again for the help',
)
const GOODBYE = words('bye goodbye later cya see farewell night talk soon')

export type SmallTalk = 'greeting' | 'thanks' | 'goodbye'

/**
 * What kind of small talk a message is, or `null` when it holds anything beyond pleasantries
 * ("hi, are you open Sunday?" is a question, not a greeting).
 *
 * @example
 * ```ts
 * smallTalkKind('Hello there!') // 'greeting'
 * smallTalkKind('thanks so much') // 'thanks'
 * smallTalkKind('hi, do you finance?') // null
 * ```
 */
export function smallTalkKind(message: string): SmallTalk | null {
  const tokens = tokenize(message)
  if (tokens.length === 0) return null
  if (!tokens.every((token) => GREETING.has(token) || THANKS.has(token) || GOODBYE.has(token))) {
    return null
  }
  if (tokens.some((token) => GOODBYE.has(token))) return 'goodbye'
  if (tokens.some((token) => THANKS.has(token) && !GREETING.has(token))) return 'thanks'
  return 'greeting'
}
