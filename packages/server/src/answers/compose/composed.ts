import type { AnswerContext } from '../understand/types.ts'

/** A piece of an embedded answer, before it is put together. */
export interface Composed {
  /** Sentences of the direct answer. */
  lead: string[]
  /** Lines under it: a list of vehicles, supporting sentences. */
  details: string[]
  /** Documents it is drawn from (cited). */
  sources: string[]
  /** Passages it quotes (cited). */
  chunkIds?: string[]
  /** What it was about, for follow-ups. */
  context: Partial<AnswerContext>
  /** Offer to connect the visitor with the team. */
  handoff?: boolean
}

/** Nothing to say: the data does not answer it. */
export const NOTHING = null
