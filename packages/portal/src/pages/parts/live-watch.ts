import type {
  ChatMessage,
  ClientToServerEvents,
  ConnectErrorData,
  PortalStaffHandshakeAuth,
  ServerToClientEvents,
} from '@avataradam/sdk/protocol'
import { io, type Socket } from 'socket.io-client'
import type { PortalApi } from '../../api.ts'

/** An answer still being streamed. */
export interface LiveAnswer {
  messageId: string
  text: string
}

export interface LiveState {
  status: 'connecting' | 'watching' | 'reconnecting' | 'stopped'
  messages: ChatMessage[]
  /** The answer being streamed now, if any. */
  answer: LiveAnswer | undefined
  error: string
}

const ACK_TIMEOUT_MS = 10_000

/**
 * Watches one conversation over the staff socket (the member's access token as handshake):
 * the history from `staff:watch`, then each `chat:message`, the `chat:delta`s of an answer in
 * index order (repeats dropped, early ones held until the gap fills) and its `chat:done`.
 * `onChange` gets a fresh state after each event.
 */
export class LiveWatch {
  #socket: Socket<ServerToClientEvents, ClientToServerEvents>
  #conversationId: string
  #onChange: (state: LiveState) => void
  #state: LiveState = { status: 'connecting', messages: [], answer: undefined, error: '' }
  #next = 0
  #held = new Map<number, string>()

  constructor(api: PortalApi, conversationId: string, onChange: (state: LiveState) => void) {
    this.#conversationId = conversationId
    this.#onChange = onChange
    this.#socket = io(location.origin, {
      transports: ['websocket'],
      // A function, so every reconnection asks for a token that has not expired meanwhile.
      auth: (cb) => {
        api.accessToken().then(
          (accessToken) => cb({ accessToken } satisfies PortalStaffHandshakeAuth),
          () => cb({}),
        )
      },
    })
    const socket = this.#socket
    // Every (re)connection joins no room yet: watch again, and take its history as the truth.
    socket.on('connect', () => void this.#watch())
    socket.on('disconnect', (reason) => {
      // The server ends a staff socket for good when its session ends (sign-out elsewhere, a
      // removed member): socket.io does not reconnect then, so say it stopped.
      if (reason === 'io server disconnect') this.stop()
      else this.#set({ status: 'reconnecting' })
    })
    socket.on('connect_error', (err: Error & { data?: ConnectErrorData }) => {
      this.#set({ status: 'reconnecting', error: err.data?.message ?? err.message })
      // A refused handshake (no permission) does not get better by retrying.
      const code = err.data?.code
      if (code === 'forbidden' || code === 'unauthorized' || code === 'invalid_token') this.stop()
    })
    socket.on('chat:message', (m) => {
      if (m.conversationId !== conversationId) return
      this.#append(m)
    })
    socket.on('chat:delta', (delta) => {
      if (delta.conversationId !== conversationId) return
      const current = this.#state.answer
      if (current?.messageId !== delta.messageId) {
        this.#next = 0
        this.#held.clear()
        this.#state.answer = { messageId: delta.messageId, text: '' }
      }
      if (delta.index < this.#next) return
      this.#held.set(delta.index, delta.text)
      let text = this.#state.answer!.text
      for (let piece = this.#held.get(this.#next); piece !== undefined; ) {
        this.#held.delete(this.#next)
        text += piece
        this.#next++
        piece = this.#held.get(this.#next)
      }
      this.#set({ answer: { messageId: delta.messageId, text } })
    })
    socket.on('chat:done', (done) => {
      if (done.conversationId !== conversationId) return
      this.#held.clear()
      this.#next = 0
      this.#state.answer = undefined
      this.#append({
        id: done.messageId,
        conversationId,
        role: 'assistant',
        text: done.text,
        citations: done.citations,
        clientMessageId: null,
        replyTo: done.replyTo,
        createdAt: new Date().toISOString(),
      })
    })
    socket.on('chat:error', (error) => {
      if (error.conversationId && error.conversationId !== conversationId) return
      this.#set({ error: error.message })
    })
  }

  /** Closes the socket; no more changes follow. */
  stop(): void {
    this.#socket.close()
    this.#set({ status: 'stopped', answer: undefined })
  }

  async #watch(): Promise<void> {
    this.#set({ status: 'connecting', error: '' })
    try {
      const res = await this.#socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('staff:watch', { conversationId: this.#conversationId })
      if ('error' in res) {
        this.#set({ error: res.error.message })
        this.stop()
        return
      }
      this.#set({
        status: 'watching',
        messages: res.messages,
        answer: res.answering ? (this.#state.answer ?? { messageId: '', text: '' }) : undefined,
      })
    } catch {
      this.#set({ error: 'The server did not answer; still trying.' })
    }
  }

  #append(message: ChatMessage): void {
    const messages = this.#state.messages.filter((m) => m.id !== message.id)
    messages.push(message)
    this.#set({ messages })
  }

  #set(change: Partial<LiveState>): void {
    if (this.#state.status === 'stopped' && change.status !== 'stopped') return
    this.#state = { ...this.#state, ...change }
    this.#onChange(this.#state)
  }
}
