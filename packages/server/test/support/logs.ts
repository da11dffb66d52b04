import { Writable } from 'node:stream'
import { createLogger } from '../../src/logger.ts'

/** A logger whose JSON lines land in an array. */
export function capturingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  return { log: createLogger(level, stream), lines }
}
