import type { AvatarSession } from '@avataradam/sdk'
import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** The grant the server minted for this visitor's HeyGen session. */
export type HeygenGrant = Extract<AvatarSession, { provider: 'heygen' }>

/**
 * What the panel needs of a streaming-avatar session: the shape of HeyGen's `LiveAvatarSession`
 * (`@heygen/liveavatar-web-sdk`), so tests can hand in a double that streams a canvas.
 */
export interface VideoAvatarSession {
  /** Starts the session: HeyGen's API, then the LiveKit room the video arrives in. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Plays the avatar's video and audio in `element` (once the stream is ready). */
  attach(element: HTMLMediaElement): void
  /** Says exactly `text`. */
  repeat(text: string): unknown
  /** Stops speaking at once. */
  interrupt(): void
  /** Resets HeyGen's idle timer: the visitor is still there. */
  keepAlive(): Promise<void>
  /** `ready`: video and audio have arrived. `ended`: the session stopped or dropped. */
  on(event: 'ready' | 'ended', listener: () => void): void
}

/** Builds the session for a grant; the default imports HeyGen's web SDK on first use. */
export type VideoAvatarFactory = (grant: HeygenGrant) => Promise<VideoAvatarSession>

/** `video` once HeyGen's stream plays; `starting` meanwhile; `builtin` otherwise. */
export type AvatarMode = 'builtin' | 'starting' | 'video'

export interface VideoAvatarEvents {
  /** Which avatar shows now; `reason` says why the built-in one does after trying HeyGen. */
  changed(provider: 'heygen' | 'builtin', reason?: string): void
}

/** HeyGen's web SDK (with LiveKit) is big: it is fetched only when a dealership turned it on. */
const loadHeygen: VideoAvatarFactory = async (grant) =>
  (await import('./heygen-session.ts')).createHeygenSession(grant)

class Timeout extends Error {}

/**
 * The HeyGen streaming avatar of the panel: asks the server for a session (the server mints the
 * token), starts it, and shows the video in place of the built-in face. Anything that fails — no
 * grant, the SDK not loading, the session not starting or dropping, no video in time — leaves
 * the built-in face and the browser's voice in charge.
 */
export class VideoAvatar implements ReactiveController {
  mode: AvatarMode = 'builtin'
  /** Where the avatar's video plays; the panel renders it in place of the face. */
  readonly video: HTMLVideoElement
  #host: ReactiveControllerHost
  #events: VideoAvatarEvents
  #session: VideoAvatarSession | undefined
  /** Bumped by every start and stop: a slow start that was overtaken is abandoned. */
  #attempt = 0

  constructor(host: ReactiveControllerHost, events: VideoAvatarEvents) {
    this.#host = host
    this.#events = events
    host.addController(this)
    this.video = document.createElement('video')
    this.video.className = 'avatar-video'
    this.video.setAttribute('part', 'avatar')
    this.video.autoplay = true
    this.video.playsInline = true
    // Decorative, like the face: the transcript carries what it says.
    this.video.setAttribute('aria-hidden', 'true')
  }

  hostDisconnected(): void {
    this.stop()
  }

  /**
   * Asks `request` which avatar to show and, for HeyGen, starts it within `timeoutMs`.
   * Resolves once settled, either way; never rejects.
   */
  async start(
    request: () => Promise<AvatarSession>,
    factory: VideoAvatarFactory | undefined,
    timeoutMs: number,
  ): Promise<void> {
    this.stop()
    const attempt = ++this.#attempt
    const current = () => attempt === this.#attempt
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout()), timeoutMs)
    })
    const within = <T>(step: Promise<T>) => Promise.race([step, deadline])
    this.#set('starting')
    let session: VideoAvatarSession | undefined
    let starting: Promise<unknown> | undefined
    try {
      const grant = await within(request())
      if (!current()) return
      if (grant.provider !== 'heygen') {
        this.#fallBack()
        return
      }
      session = await within((factory ?? loadHeygen)(grant))
      if (!current()) {
        void session.stop().catch(() => {})
        return
      }
      this.#session = session
      const started = session
      const ready = new Promise<void>((resolve) => started.on('ready', resolve))
      starting = started.start()
      await within(Promise.all([starting, ready]))
      if (!current()) return
      // Listened to from here: a start that fails also reports `ended`, with less to say.
      started.on('ended', () => {
        if (this.#session === started) this.#fallBack('ended')
      })
      started.attach(this.video)
      this.video.play().catch(() => {
        // Autoplay refused: the still frame shows, and the next answer (a click later) plays.
      })
      this.#set('video')
      this.#events.changed('heygen')
    } catch (error) {
      if (!current()) return
      const reason =
        error instanceof Timeout
          ? 'timeout'
          : ((error as { code?: string } | null)?.code ?? 'session_failed')
      this.#fallBack(reason)
    } finally {
      clearTimeout(timer)
      // Given up on while it was still starting: HeyGen's SDK cannot stop a session mid-start,
      // so stop it once started, or it would run (and be billed) until its maximum duration.
      const abandoned = session
      if (abandoned && starting && this.#session !== abandoned) {
        void starting.then(() => abandoned.stop()).catch(() => {})
      }
    }
  }

  /** Ends the session (HeyGen bills while it runs) and shows the face. */
  stop(): void {
    this.#attempt++
    const session = this.#session
    this.#session = undefined
    if (session) void session.stop().catch(() => {})
    this.video.srcObject = null
    this.video.removeAttribute('src')
    if (this.mode !== 'builtin') this.#set('builtin')
  }

  /** Has the video avatar say `text`; false when the built-in voice should instead. */
  speak(text: string): boolean {
    if (this.mode !== 'video' || !this.#session) return false
    try {
      this.#session.repeat(text)
      return true
    } catch {
      this.#fallBack('speak_failed')
      return false
    }
  }

  /** Stops the video avatar mid-sentence (the visitor asked something new, or muted). */
  interrupt(): void {
    if (this.mode !== 'video') return
    try {
      this.#session?.interrupt()
    } catch {
      // Already quiet.
    }
  }

  /** The visitor is active (asked something): HeyGen should not close the session as idle. */
  keepAlive(): void {
    if (this.mode !== 'video') return
    this.#session?.keepAlive().catch(() => {
      // The session ended meanwhile; its `ended` event brings the face back.
    })
  }

  set muted(value: boolean) {
    this.video.muted = value
  }

  #fallBack(reason?: string): void {
    const session = this.#session
    this.#attempt++
    this.#session = undefined
    if (session) void session.stop().catch(() => {})
    this.video.srcObject = null
    this.#set('builtin')
    this.#events.changed('builtin', reason)
  }

  #set(mode: AvatarMode): void {
    this.mode = mode
    this.#host.requestUpdate()
  }
}
