// Function words, plus the words visitors wrap a question in ("can you tell me if you sell…"):
// they say nothing about what the dealership's documents must contain to answer it.
const WORDS = `
a about above after again against ago all almost also am an and another any anybody anyone
anything anywhere are arent around as ask asking at be because been before being below between
both but by can cant could couldnt curious did didnt do does doesnt doing done dont down during
each either else even ever every few for from further get gets getting give given go goes going
gonna got gotta had has hasnt have havent having he hed her here hers herself hes him himself his
how however i id if ill im in info information into is isnt it itd itll its itself ive just kind
know let lets like likely look looking lot lots many may maybe me might mine more most much must
my myself need needed needs no nor not now of off oh ok okay on once one ones only or other others
our ours ourselves out over own please pretty quite rather really right same say see shall she
should so some somebody someone something sort still such suppose sure tell than that thats the
their theirs them themselves then there theres these they theyre this those though through thus
to too try under until up upon us very want wanted wants was wasnt way we wed well were what
whats whatever when whenever where wheres whether which while who whom whose why will with within
without wonder wondering would wouldnt yall yes yet you youd youll your youre yours yourself
yourselves youve
hi hello hey thanks thank please guys folks sell sells selling offer offers offering
today tonight tomorrow currently actually also time times good great best nice recommend
recommendation suggest help question questions thing things able am pm eg ie etc number
`

/** Words that never count as content: function words and generic chat words. */
export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))

/**
 * Whether a token (as {@link tokenize} returns it) carries no content.
 *
 * @example
 * ```ts
 * isStopword('does') // true
 * isStopword('financing') // false
 * ```
 */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token)
}
