/** A recording to transcribe: one whole audio file (the chunks of a recording, joined). */
export interface TranscribeOptions {
  audio: Uint8Array
  /** Its MIME type, such as `audio/webm;codecs=opus`. */
  mediaType: string
  /** ISO 639-1 language hint. */
  language?: string | undefined
  abortSignal?: AbortSignal | undefined
}

/**
 * Speech to text. The embedded default has none: the widget uses the browser's own speech
 * recognition, and the server says so in its capabilities.
 */
export interface Transcriber {
  readonly provider: string
  readonly modelId: string
  /** Resolves to what was said; throws a {@link SpeechProviderError} when the provider fails. */
  doTranscribe(options: TranscribeOptions): Promise<{ text: string }>
}
