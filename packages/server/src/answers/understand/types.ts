import type { Drivetrain, FuelType, InventoryQuery, InventorySort } from '@avataradam/sdk/protocol'
import type { Analysis, Term } from '../../language/analyze.ts'
import type { Language } from '../../language/language.ts'
import type { AnswerType, Weekday } from '../../language/pack.ts'

/** A fact the visitor asks for, answered from the dealership's facts. */
export type FactRequest =
  | {
      kind: 'hours'
      department: string | null
      /** Days asked about; null: the week. */
      days: Weekday[] | null
      /** "right now", "today", "tomorrow". */
      when: 'now' | 'today' | 'tomorrow' | null
      holiday: string | null
    }
  | { kind: 'phone'; department: string | null }
  | { kind: 'email'; department: string | null }
  | { kind: 'address'; department: string | null }
  | { kind: 'website' }
  | {
      kind: 'staff'
      /** A name as the visitor wrote it ("maria", "Priya Raman"). */
      name: string | null
      /** Words of a title ("manager", "finance director", "spanish"). */
      role: string[]
      department: string | null
      /** What they want to know of the person. */
      want: 'who' | 'extension' | 'phone' | 'email'
    }

/** Something a vehicle's listing answers. */
export type VehicleAsk =
  | 'price'
  | 'mileage'
  | 'mpg'
  | 'color'
  | 'drivetrain'
  | 'engine'
  | 'transmission'
  | 'vin'
  | 'trim'
  | 'year'
  | 'available'
  | 'features'
  | 'fuel'
  | 'stock'

/** What the visitor asks of the inventory or of particular vehicles. */
export type VehicleRequest =
  | {
      kind: 'search'
      query: InventoryQuery
      /** "how many…": the count is the answer. */
      count: boolean
      /** The descriptors' words, for saying what was searched ("used SUVs under $30,000"). */
      described: boolean
      /** Details asked of the matches ("how much", "what color"). */
      asks: VehicleAsk[]
    }
  | {
      kind: 'about'
      /** The vehicle on the visitor's page, or vehicles an earlier answer listed. */
      target: 'page' | 'listed'
      /** Vehicle ids, when listed. */
      vehicleIds: string[]
      asks: VehicleAsk[]
      /** A feature asked about ("does it have leather?"): its concept. */
      feature: string | null
      /** Every feature asked about ("leather? heated seats?"). */
      features?: string[]
      /** "anything similar (but cheaper)?" */
      similar: 'similar' | 'cheaper' | null
      /** Which of the listed vehicles: "the blue one", "the honda", "the cheapest one". */
      select?: VehicleSelector
    }

/** Picks vehicles out of a list by what the visitor said of them. */
export interface VehicleSelector {
  color?: string
  fuel?: FuelType
  drivetrain?: Drivetrain
  make?: string
  model?: string
  trim?: string
  sort?: InventorySort
  /** "the other one": the listed vehicles but the one just discussed. */
  other?: boolean
  /** The vehicle(s) just discussed. */
  focus?: string[]
}

/** How the conversation so far bears on this message. */
export interface AnswerContext {
  /** The language the answer was written in. */
  language: string
  /** What the answer was about. */
  topic?:
    | 'hours'
    | 'phone'
    | 'email'
    | 'address'
    | 'website'
    | 'staff'
    | 'inventory'
    | 'vehicle'
    | 'passages'
  department?: string | null
  days?: Weekday[] | null
  holiday?: string | null
  /** The inventory query answered. */
  query?: InventoryQuery
  /** Vehicles the answer listed, in order. */
  listed?: string[]
  /** Vehicles the answer was about (one, usually). */
  focus?: string[]
  /** A person the answer named. */
  staffName?: string
  /** The answer offered to connect the visitor with staff. */
  handoffOffered?: boolean
  /** The question's content terms, for follow-ups about passages ("and the certified ones?"). */
  terms?: string[]
  /** The kind of answer it asked for: "and brake pads?" after "how much…" asks a price too. */
  answerType?: AnswerType | null
}

/** What a visitor's message asks, read in its language and against the conversation. */
export interface Understanding {
  language: Language
  /** The message analysed. */
  analysis: Analysis
  /** Pleasantries only. */
  smallTalk: 'greeting' | 'thanks' | 'goodbye' | null
  /** A reply to an offer ("yes", "no thanks"). */
  reply: 'yes' | 'no' | null
  /** Asks for a person ("can I talk to someone", "call me"). */
  person: boolean
  /** Wants to be contacted for something ("test drive", "quote"): offer the lead form. */
  contact: string | null
  facts: FactRequest[]
  vehicle: VehicleRequest | null
  /** The kind of answer asked for ("how much": money), which a passage must hold to answer it. */
  answerType: AnswerType | null
  /** The message's content terms, less the words of its question type. */
  content: Term[]
  /** Terms no fact or vehicle request explains: what passages must answer. */
  rest: Term[]
  /**
   * The parts of a question of several ("what's the doc fee, and do you deliver?"), each with
   * its own terms (among `content`) and kind of answer; one part for most questions.
   */
  clauses: { terms: Term[]; answerType: AnswerType | null }[]
  /** Terms an earlier question lent this one ("and the certified ones?"). */
  borrowed: string[]
  /** Text to retrieve passages with: the message, its concepts in English, borrowed terms. */
  retrievalText: string
  /** Whether the message leaned on the conversation. */
  followUp: boolean
  /**
   * Whether, leaning on the last answer, it asks the same of something else ("and brake
   * pads?", "what about the certified ones?") rather than more of the same thing ("do I get it
   * back?").
   */
  replacesSubject?: boolean
  /** Whether it points at the vehicle on the page ("this truck", "it"), there being one. */
  pointsAtPage: boolean
}
