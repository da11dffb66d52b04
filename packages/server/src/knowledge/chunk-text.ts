// A sentence ends at . ! ? or … (closing quotes and brackets included) before whitespace and a
// capital letter or digit, so "approx. five" and "3.5 L" stay whole.
// The closing quotes or brackets after a full stop are bounded (three at most): an unbounded
// look-behind re-scans every run of quotes at each position, quadratic on hostile input.
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]{0,3})\s+(?=[\p{Lu}\p{N}"'“‘([])/u

/**
 * Splits text longer than `maxChars` into pieces of at most `maxChars`, at sentence boundaries
 * where it can and between words otherwise. Only a single "word" longer than `maxChars` (a URL,
 * a run of symbols) is ever cut, since it cannot fit any other way.
 *
 * @example
 * splitText('Open Monday. Closed Sunday.', 15) // ['Open Monday.', 'Closed Sunday.']
 */
export function splitText(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text]
  const pieces: string[] = []
  let current = ''
  const add = (part: string, separator: string) => {
    if (current === '') current = part
    else if (current.length + separator.length + part.length <= maxChars) {
      current += separator + part
    } else {
      pieces.push(current)
      current = part
    }
  }
  for (const sentence of text.split(SENTENCE_END)) {
    if (sentence.length <= maxChars) {
      add(sentence, ' ')
      continue
    }
    for (const word of sentence.split(/\s+/)) {
      for (let start = 0; start < word.length; start += maxChars) {
        add(word.slice(start, start + maxChars), ' ')
      }
    }
  }
  if (current !== '') pieces.push(current)
  return pieces
}

/**
 * Accumulates pieces of text into chunks of at most `maxChars`, starting a new chunk when the next
 * piece would not fit; `flush` closes the current chunk, as at a heading.
 */
export function createPacker(maxChars: number, emit: (content: string) => void) {
  let current = ''
  return {
    add(piece: string, separator: string): void {
      if (piece === '') return
      if (current === '') current = piece
      else if (current.length + separator.length + piece.length <= maxChars) {
        current += separator + piece
      } else {
        emit(current)
        current = piece
      }
    },
    flush(): void {
      if (current !== '') emit(current)
      current = ''
    },
  }
}
