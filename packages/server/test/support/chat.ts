import type { ChatDelta, ChatDone, ChatSendResult, PageContext } from '@avataradam/sdk/protocol'
import type { AnswerModel } from '../../src/providers/llm/index.ts'
import type { VisitorClient } from './server.ts'

export interface Answer {
  ack: ChatSendResult
  deltas: ChatDelta[]
  done: ChatDone
}

/** Sends a message and collects the streamed answer to it. */
export async function ask(
  socket: VisitorClient,
  text: string,
  options: {
    conversationId?: string
    clientMessageId?: string
    timeoutMs?: number
    page?: PageContext
    /** Ask for the answer spoken too (`speech:audio`). */
    speech?: boolean
  } = {},
): Promise<Answer> {
  const deltas: ChatDelta[] = []
  let replyId: string | undefined
  const early: ChatDelta[] = []
  const onDelta = (d: ChatDelta) =>
    replyId ? d.messageId === replyId && deltas.push(d) : early.push(d)
  socket.on('chat:delta', onDelta)
  try {
    const donePromise = new Promise<ChatDone>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no chat:done for "${text}"`)),
        options.timeoutMs ?? 10_000,
      )
      const onDone = (d: ChatDone) => {
        if (replyId && d.messageId !== replyId) return
        clearTimeout(timer)
        socket.off('chat:done', onDone)
        resolve(d)
      }
      socket.on('chat:done', onDone)
      socket.once('chat:error', (e) => reject(Object.assign(new Error(e.message), e)))
    })
    const ack = await socket.emitWithAck('chat:send', {
      text,
      clientMessageId: options.clientMessageId ?? `msg_${crypto.randomUUID()}`,
      ...(options.conversationId ? { conversationId: options.conversationId } : {}),
      ...(options.page ? { page: options.page } : {}),
      ...(options.speech ? { speech: true } : {}),
    })
    if ('error' in ack) throw Object.assign(new Error(ack.error.message), ack.error)
    replyId = ack.replyMessageId
    deltas.push(...early.filter((d) => d.messageId === replyId))
    const done = await donePromise
    return { ack, deltas, done }
  } finally {
    socket.off('chat:delta', onDelta)
  }
}

/** An answer model that streams fixed words slowly, so a test can act mid-answer. */
export function slowAnswerer(words: string[], delayMs: number): AnswerModel {
  return {
    provider: 'test',
    modelId: 'slow',
    async *doStream() {
      for (const [i, word] of words.entries()) {
        await new Promise((r) => setTimeout(r, delayMs))
        yield { type: 'text', text: i === 0 ? word : ` ${word}` }
      }
      yield { type: 'sources', chunkIds: [] }
    },
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls until `check` returns a truthy value, or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await sleep(50)
  }
}
