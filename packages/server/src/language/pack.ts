/**
 * Everything the assistant knows about one language, as data: adding a language is writing one
 * of these (see packs/), never changing code. Words are written lowercase; accents may be
 * written or not (text is compared with accents folded).
 *
 * Meaning is shared across languages through *concepts*: short English phrases such as `hours`,
 * `oil change` or `third row`. Each pack lists the words and phrases of its language that mean a
 * concept, so a Spanish question ("horario del sábado") and an English document ("Saturday
 * hours") meet on the same terms.
 */
export interface LanguagePack {
  /** ISO 639-1 code: `en`, `es`. */
  code: string
  /** The language's name in itself, for menus: `English`, `Español`. */
  name: string
  /**
   * The stemmer: `porter` (English, the `stemmer` package) or a language of `@orama/stemmers`
   * (`es`, `fr`, `de`, `it`, `pt`…).
   */
  stemmer: string
  /** Culture of Microsoft's number recognizers (`en-us`, `es-es`), which read "twenty five thousand". */
  numberCulture: string
  /** Locale for formatting numbers, dates and times in replies: `en-US`, `es-US`. */
  locale: string
  /**
   * Chat spellings and their words ("u" → "you", "appt" → "appointment", "hrs" → "hours"),
   * replaced before anything else reads the message.
   */
  abbreviations: Record<string, string>
  /**
   * Words that carry no content, added to the language's list from `stopwords-iso`; `keep` takes
   * words off that list that matter to a dealership ("new", "used", "parts", "open").
   */
  stopwords: { extra: string[]; keep: string[] }
  /**
   * Words that frame a question without naming its subject ("what is your return *policy*",
   * "the first-time buyer *program*"): they count for little when matching passages.
   */
  frame: string[]
  /**
   * Subject pronouns and possessives ("I", "my", "usted"): after one, a mid-sentence "when"
   * joins two clauses ("can I book a loaner when I schedule?") rather than asks a time.
   */
  pronouns: string[]
  /**
   * Concept (an English phrase) → the words and phrases of this language that mean it. In the
   * English pack these are synonyms ("crossover" → `suv`).
   */
  concepts: Record<string, string[]>
  /** Names of the days, each with its abbreviations and plurals. */
  days: Record<Weekday, string[]>
  /** Words for day sets and relative days. */
  dayWords: {
    weekdays: string[]
    weekend: string[]
    everyDay: string[]
    today: string[]
    tomorrow: string[]
    now: string[]
  }
  /** Months, January first, each with abbreviations. */
  months: string[][]
  /** How times and ranges are written. */
  time: {
    am: string[]
    pm: string[]
    noon: string[]
    midnight: string[]
    closed: string[]
    /** Between two days or two times: "to", "through", "a", "hasta". */
    to: string[]
    /** Before a start: "from", "de". */
    from: string[]
    /** Between two items of a list: "and", "&", "y". */
    and: string[]
    /** "by appointment", "por cita". */
    byAppointment: string[]
  }
  /** Holidays by key, with the names they go by. */
  holidays: Record<string, string[]>
  /** Words that name a multiple of a number: "k", "grand", "mil". */
  multipliers: Record<string, number>
  /** Comparisons in a question, each a list of phrases. */
  compare: {
    below: string[]
    above: string[]
    between: string[]
    orNewer: string[]
    orOlder: string[]
    around: string[]
  }
  /**
   * Phrases that ask for a kind of answer ("how much" wants an amount of money, "how long" a
   * duration): an answer without one does not answer the question.
   */
  questionTypes: Record<AnswerType, string[]>
  /** Words that mark what an amount counts. */
  units: { money: string[]; miles: string[]; mpg: string[] }
  /** Phrases that say what a visitor wants, each checked on the whole message. */
  intents: {
    greeting: string[]
    thanks: string[]
    goodbye: string[]
    yes: string[]
    no: string[]
    /** Asking for a person: "talk to someone", "a salesperson", "call me". */
    person: string[]
    /** A question that refers to something said before: "and", "what about", "y". */
    followUp: string[]
    /** "how many". */
    count: string[]
    /** Asking when: "when", "what time", "cuándo". */
    when: string[]
    /** Asking who: "who", "quién". */
    who: string[]
    /** "cheapest", "newest", "lowest miles", "best mpg", "most expensive": sort key → phrases. */
    sort: Record<InventorySortKey, string[]>
    /** "similar", "like this one". */
    similar: string[]
    /** "still available", "in stock". */
    available: string[]
    /** After a number of miles, a distance from the dealership, not a mileage: "away", "out". */
    distance: string[]
    /** Pronouns and phrases that point at the vehicle being discussed: "it", "this car". */
    thisVehicle: string[]
    /** "the one", "that one" (after a list: "the blue one"). */
    oneOf: string[]
    /** A question that wants the dealership's inventory: "in stock", "do you have", "inventory". */
    stock: string[]
  }
  /** Display names of departments in replies. */
  departmentNames: Record<string, string>
  /** Words for describing what an inventory search found ("8 used SUVs under $30,000"). */
  inventoryWords: {
    /** Singular and plural of the generic noun: "vehicle", "vehicles". */
    vehicle: [string, string]
    bodyStyles: Record<string, [string, string]>
    /** A word, or its singular and plural where they differ ("usado", "usados"). */
    conditions: Record<string, string | [string, string]>
    /** Adjectives go after the noun ("SUV usadas") rather than before ("used SUVs"). */
    adjectivesAfterNoun: boolean
    drivetrains: Record<string, string>
    fuels: Record<string, string | [string, string]>
    /** Features as the answer names them ("third row" → "tercera fila"); missing: as is. */
    features: Record<string, string>
    colors: Record<string, string>
    /** Phrases with `{amount}`, `{min}`, `{max}`, `{year}`, `{list}`. */
    phrases: {
      under: string
      over: string
      between: string
      milesUnder: string
      milesOver: string
      yearFrom: string
      yearTo: string
      year: string
      withFeatures: string
      mpgAtLeast: string
      inColor: string
    }
    /** How the best few are named, by sort: "lowest priced", "newest". */
    sorts: Record<string, string>
    /** Field labels in a vehicle's details. */
    labels: Record<string, string>
  }
  /** The assistant's own sentences. `{name}` style placeholders are filled in by the answerer. */
  replies: Record<ReplyKey, string>
}

/** The kind of answer a question asks for. */
export type AnswerType = 'money' | 'duration' | 'distance' | 'when' | 'person' | 'count'

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

export type InventorySortKey =
  | 'price_asc'
  | 'price_desc'
  | 'year_desc'
  | 'year_asc'
  | 'mileage_asc'
  | 'mpg_desc'

/** The sentences every pack writes. */
export type ReplyKey =
  | 'greeting'
  | 'thanks'
  | 'goodbye'
  | 'decline'
  | 'handoffOffer'
  | 'handoffAccepted'
  | 'handoffDeclined'
  | 'personRequest'
  | 'staffBack'
  | 'hoursDay'
  | 'closedDay'
  | 'hoursWeek'
  | 'hoursByAppointment'
  | 'openNow'
  | 'openNowUntil'
  | 'closedNow'
  | 'opensNext'
  | 'holidayClosed'
  | 'holidayHours'
  | 'holidayUnknown'
  | 'noHoursFor'
  | 'phone'
  | 'phoneMain'
  | 'email'
  | 'address'
  | 'website'
  | 'staffMember'
  | 'staffExtension'
  | 'staffNone'
  | 'inventoryCount'
  | 'inventoryCountOne'
  | 'inventoryNone'
  | 'inventoryNoneOf'
  | 'inventoryBest'
  | 'inventoryShown'
  | 'inventoryMore'
  | 'vehicleIs'
  | 'vehicleAvailable'
  | 'vehicleSold'
  | 'vehiclePending'
  | 'vehicleStatus'
  | 'vehicleHas'
  | 'vehicleHasNot'
  | 'vehicleUnknown'
  | 'vehicleNotFound'
  | 'similarCheaper'
  | 'similarNone'
  | 'passageLead'
  | 'offerEnded'
  | 'closedMessageSuffix'
  | 'and'
  | 'closed'
  | 'by'
  | 'handoffButton'
  | 'onDay'
  | 'afterHours'
