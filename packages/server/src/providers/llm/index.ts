import type { PageContext } from '@avataradam/sdk/protocol'

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
  /** Best first. May be empty: the documents had nothing for this question. */
  passages: Passage[]
  dealershipName: string
  page?: PageContext | undefined
  abortSignal?: AbortSignal | undefined
}

/** Streamed by a model: text as it is produced, then which passages the answer relied on. */
export type AnswerPart = { type: 'text'; text: string } | { type: 'sources'; chunkIds: string[] }

/**
 * Writes the assistant's answer. The embedded default composes it from the passages themselves;
 * production models (OpenAI-compatible) stream it.
 */
export interface AnswerModel {
  readonly provider: string
  readonly modelId: string
  doStream(request: AnswerRequest): AsyncIterable<AnswerPart>
}
