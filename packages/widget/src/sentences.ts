// The end of a sentence: . ! ? (and closing quotes/brackets) before a space, or a line break.
const BOUNDARY = /[.!?…]+["'”’)\]]*\s+|\n+/g

/**
 * Cuts a streaming answer into finished sentences, so each is spoken and announced once, as
 * soon as it is complete, and the rest waits for more text.
 *
 * @example
 * ```ts
 * const sentences = new SentenceSplitter()
 * sentences.update('We open at 9. On Sat') // ['We open at 9.']
 * sentences.update('We open at 9. On Saturday at 10.') // []
 * sentences.finish() // ['On Saturday at 10.']
 * ```
 */
export class SentenceSplitter {
  #text = ''
  #offset = 0

  /** Takes the whole text so far; returns the sentences completed since the last call. */
  update(text: string): string[] {
    // A different text (the answer was restarted after a crash): start over.
    if (!text.startsWith(this.#text.slice(0, this.#offset))) this.#offset = 0
    this.#text = text
    const out: string[] = []
    BOUNDARY.lastIndex = this.#offset
    for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
      const end = match.index + match[0].length
      push(out, text.slice(this.#offset, end))
      this.#offset = end
    }
    return out
  }

  /** The answer is complete: whatever is left is the last sentence. */
  finish(text = this.#text): string[] {
    const out = this.update(text)
    push(out, text.slice(this.#offset))
    this.reset()
    return out
  }

  reset(): void {
    this.#text = ''
    this.#offset = 0
  }
}

function push(out: string[], sentence: string): void {
  const trimmed = sentence.trim()
  if (trimmed) out.push(trimmed)
}
