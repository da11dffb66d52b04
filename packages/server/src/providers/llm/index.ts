import type { ChatAction, Citation, PageContext } from '@avataradam/sdk/protocol'
import type { Evidence } from '../../answers/evidence.ts'
import type { AnswerContext, Understanding } from '../../answers/understand/types.ts'

/** A passage retrieved from the dealership's documents for a question. */
export interface Passage {
  chunkId: string
  documentId: string
  /** The document's title. */
  title: string
  /** The section the passage sits under, if any. */
  heading: string | null
  text: string
  /** Cosine similarity of passage and question embeddings, -1…1. */
  similarity: number
  /** Whether the passage matched the question's words in full-text search. */
  textMatch: boolean
}

export interface AnswerRequest {
  question: string
  /** Earlier turns of the conversation, oldest first. */
  history: { role: 'visitor' | 'assistant'; text: string }[]
  /** What the question asks, read against the conversation (see answers/understand). */
  understanding?: Understanding | undefined
  /** Facts, vehicles and the time the turn found to answer from, besides passages. */
  evidence?: Evidence | undefined
  /** Best first. May be empty: the documents had nothing for this question. */
  passages: Passage[]
  dealershipName: string
  page?: PageContext | undefined
  abortSignal?: AbortSignal | undefined
  /**
   * Functions the model may call, run by the server for this turn's dealership only. Models
   * without tool calling (the embedded answerer) ignore them.
   */
  tools?: AnswerTool[] | undefined
}

/** What a tool call gives back: what the model reads, and passages its answer may then cite. */
export interface ToolResult {
  /** Sent to the model as the `tool` message (JSON, as a rule). */
  content: string
  /** New passages (numbered from `firstRef`), which the answer cites like the others. */
  passages?: Passage[] | undefined
}

/** A function the model may call during a turn. */
export interface AnswerTool {
  name: string
  /** Tells the model when to call it. */
  description: string
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>
  /**
   * Runs one call. `args` is the model's JSON, parsed but unchecked: the tool validates it and
   * answers bad arguments with a result saying what is wrong, which the model can correct.
   * `firstRef` is the citation number its first new passage gets.
   */
  run(args: unknown, context: { firstRef: number; abortSignal: AbortSignal }): Promise<ToolResult>
}

/** Streamed by a model: text as it is produced, then which passages the answer relied on. */
export type AnswerPart =
  | { type: 'text'; text: string }
  /** The text so far is void: a model failed midway and the next one answers from the start. */
  | { type: 'restart' }
  | {
      type: 'sources'
      chunkIds: string[]
      /** Documents cited for facts and vehicles, which are not passages. */
      citations?: Citation[] | undefined
    }
  | {
      type: 'meta'
      /** Buttons under the answer. */
      actions?: ChatAction[] | undefined
      /** What the answer was about, kept with it for follow-ups. */
      context?: AnswerContext | undefined
      /** False for answers that depend on the moment ("are you open now?"): never cached. */
      cacheable?: boolean | undefined
    }

/**
 * Writes the assistant's answer. The embedded default composes it from the passages themselves;
 * production models (OpenAI-compatible) stream it.
 */
export interface AnswerModel {
  readonly provider: string
  readonly modelId: string
  doStream(request: AnswerRequest): AsyncIterable<AnswerPart>
}
