// The end of a sentence: . ! ? (and closing quotes/brackets) before a space, or a line break.
// The same boundary as the widget's SentenceSplitter, so server and browser speech pause alike.
const BOUNDARY = /[.!?…]+["'”’)\]]*\s+|\n+/g

/**
 * Cuts a streaming answer into finished sentences, as plain text fit to be spoken, so each is
 * synthesised as soon as it is complete while the rest is still being written.
 *
 * @example
 * ```ts
 * const sentences = new SpokenSentences()
 * sentences.push('We open at **9**. On Sat') // ['We open at 9.']
 * sentences.finish() // ['On Sat']
 * ```
 */
export class SpokenSentences {
  #pending = ''

  /** Adds the next piece of the answer; returns the sentences it completed. */
  push(text: string): string[] {
    this.#pending += text
    const out: string[] = []
    let start = 0
    BOUNDARY.lastIndex = 0
    for (let match = BOUNDARY.exec(this.#pending); match; match = BOUNDARY.exec(this.#pending)) {
      const end = match.index + match[0].length
      add(out, this.#pending.slice(start, end))
      start = end
    }
    this.#pending = this.#pending.slice(start)
    return out
  }

  /** The answer is complete: whatever is left is the last sentence. */
  finish(): string[] {
    const out: string[] = []
    add(out, this.#pending)
    this.#pending = ''
    return out
  }
}

function add(out: string[], sentence: string): void {
  const spoken = speakable(sentence)
  if (/[\p{L}\p{N}]/u.test(spoken)) out.push(spoken)
}

/** Markdown and citation markers read aloud as symbols: drop them, keep the words. */
export function speakable(text: string): string {
  return text
    .replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~>|]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim()
}
