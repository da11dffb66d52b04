import { describe, expect, it } from 'vitest'
import { AnswerStream } from './answer-stream.ts'
import type { ChatDelta } from './protocol.ts'

const delta = (index: number, text: string, messageId = 'a1'): ChatDelta => ({
  conversationId: 'c1',
  messageId,
  index,
  text,
})
const finished = (text: string, messageId = 'a1') => ({
  conversationId: 'c1',
  messageId,
  replyTo: 'm1',
  text,
  citations: [],
})

async function collect(stream: AnswerStream): Promise<string[]> {
  const out: string[] = []
  for await (const d of stream) out.push(d.text)
  return out
}

describe('AnswerStream', () => {
  it('passes deltas on in order and drops repeats', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'Hello'))
    stream._delta(delta(0, 'Hello'))
    stream._delta(delta(1, ' there'))
    stream._done(finished('Hello there'))
    expect(await texts).toEqual(['Hello', ' there'])
    expect((await stream).text).toBe('Hello there')
  })

  it('holds a delta that arrives after a gap until the gap is filled', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'a'))
    stream._delta(delta(2, 'c'))
    expect(stream.text).toBe('a')
    stream._delta(delta(1, 'b'))
    expect(stream.text).toBe('abc')
    stream._done(finished('abc'))
    expect(await texts).toEqual(['a', 'b', 'c'])
  })

  it('fills a gap that never closes from the finished message', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'one '))
    stream._delta(delta(2, 'three'))
    stream._done(finished('one two three'))
    expect((await texts).join('')).toBe('one two three')
  })

  it('does not repeat what was shown when an answer asked again says the same', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    expect(stream.messageId).toBeUndefined()
    stream._delta(delta(0, 'Hello ', 'a1'))
    expect(stream.messageId).toBe('a1')
    stream._delta(delta(0, 'Hello ', 'a2'))
    // The answer asked again is the one this stream follows from now on.
    expect(stream.messageId).toBe('a2')
    stream._delta(delta(1, 'there', 'a2'))
    stream._done(finished('Hello there', 'a2'))
    expect(await texts).toEqual(['Hello ', 'there'])
    expect(stream.messageId).toBe('a2')
  })

  it('streams a restarted answer that says something else under its new message id', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'lost ', 'a1'))
    stream._delta(delta(0, 'new ', 'a2'))
    stream._delta(delta(1, 'answer', 'a2'))
    stream._done(finished('new answer', 'a2'))
    expect(await texts).toEqual(['lost ', 'new ', 'answer'])
    expect(stream.text).toBe('new answer')
  })

  it('passes on the whole new answer once it departs from the lost one mid-way', async () => {
    const stream = new AnswerStream('m1')
    const seen: ChatDelta[] = []
    const done = (async () => {
      for await (const d of stream) seen.push(d)
    })()
    stream._delta(delta(0, 'Our hours are ', 'a1'))
    stream._delta(delta(1, '9 to 5', 'a1'))
    stream._delta(delta(0, 'Our hours are ', 'a2'))
    stream._delta(delta(1, '10 to 6', 'a2'))
    stream._done(finished('Our hours are 10 to 6.', 'a2'))
    await done
    expect(seen.map((d) => [d.messageId, d.text])).toEqual([
      ['a1', 'Our hours are '],
      ['a1', '9 to 5'],
      // Starting over on a2 gives the new answer in full, not just where it differs.
      ['a2', 'Our hours are 10 to 6'],
      ['a2', '.'],
    ])
  })

  it('completes from the finished message when it departs from what was shown', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'Lost words', 'a1'))
    stream._done(finished('Other words', 'a2'))
    expect(await texts).toEqual(['Lost words', 'Other words'])
  })

  it('starts the text over at a restart delta and passes the new attempt on whole', async () => {
    const stream = new AnswerStream('m1')
    const seen: ChatDelta[] = []
    const reading = (async () => {
      for await (const d of stream) seen.push(d)
    })()
    stream._delta(delta(0, 'Our hours are '))
    stream._delta(delta(1, '9 to 5'))
    expect(stream.text).toBe('Our hours are 9 to 5')
    // The model failed; the next one begins like it did, and says something else.
    stream._delta({ ...delta(2, 'Our hours are '), restart: true })
    expect(stream.text).toBe('Our hours are ')
    stream._delta(delta(3, '9 to 8.'))
    expect(stream.text).toBe('Our hours are 9 to 8.')
    stream._done(finished('Our hours are 9 to 8.'))
    await reading
    expect(seen.map((d) => [d.text, d.restart === true])).toEqual([
      ['Our hours are ', false],
      ['9 to 5', false],
      // Flagged, and whole: a reader replaces what it showed with it.
      ['Our hours are ', true],
      ['9 to 8.', false],
    ])
    expect((await stream).text).toBe('Our hours are 9 to 8.')
  })

  it('holds a restart delta that arrives ahead of a missing one, then starts over', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    stream._delta(delta(0, 'Lost '))
    stream._delta({ ...delta(2, 'Kept'), restart: true })
    expect(stream.text).toBe('Lost ')
    stream._delta(delta(1, 'words'))
    expect(stream.text).toBe('Kept')
    stream._done(finished('Kept'))
    expect(await texts).toEqual(['Lost ', 'words', 'Kept'])
  })

  it('rejects both the iterator and the promise on failure', async () => {
    const stream = new AnswerStream('m1')
    const texts = collect(stream)
    const { AvatarAdamError } = await import('./errors.ts')
    stream._fail(new AvatarAdamError('rate_limited', 'slow down', { retryAfter: 3 }))
    await expect(texts).rejects.toMatchObject({ code: 'rate_limited' })
    await expect(stream).rejects.toMatchObject({ retryAfter: 3 })
    await expect(stream.sent).rejects.toMatchObject({ code: 'rate_limited' })
  })
})
