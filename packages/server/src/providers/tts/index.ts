export interface SynthesizeOptions {
  /** One sentence or so of plain text (no markdown). */
  text: string
  abortSignal?: AbortSignal | undefined
}

/**
 * Text to speech, streamed: MPEG audio (`audio/mpeg`) pieces as the provider produces them. The
 * embedded default has none: the widget speaks with the browser's own speech synthesis.
 */
export interface SpeechSynthesizer {
  readonly provider: string
  readonly modelId: string
  /** The audio's MIME type. */
  readonly mediaType: 'audio/mpeg'
  /** Yields the audio as it arrives; throws a `speech_failed` AppError when the provider fails. */
  doStream(options: SynthesizeOptions): AsyncIterable<Uint8Array>
}
