import {
  type BusinessHours,
  type ChatDone,
  createClient,
  type LeadSubmitPayload,
  type ServerCapabilities,
  type VisitorClient,
  type WidgetSettings,
} from '@avataradam/sdk'
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import './avatar-adam-face.ts'
import './avatar-adam-lead-form.ts'
import type { AudioPlayer } from './audio-player.ts'
import type { FaceState } from './avatar-adam-face.ts'
import { Conversation, type ViewMessage } from './conversation.ts'
import { closeIcon, micIcon, mutedIcon, newIcon, sendIcon, soundIcon } from './icons.ts'
import { plainText } from './markdown.ts'
import { pageContext } from './page-context.ts'
import { panelStyles } from './panel-styles.ts'
import { loadMuted, saveMuted } from './preferences.ts'
import { createRecognizer, type Recognizer, type RecognizerEvents } from './recognition.ts'
import { renderMarkdown } from './render-markdown.ts'
import { SentenceSplitter } from './sentences.ts'
import { isOpen, languageName, pickLanguage } from './settings.ts'
import { createSpeaker } from './speech.ts'
import { greetingFor, type Strings, stringsFor, suggestionsFor } from './strings.ts'
import type { ClientFactory, Position } from './types.ts'
import { VideoAvatar, type VideoAvatarFactory } from './video-avatar.ts'

/**
 * `<avatar-adam-panel>`: the chat dialog `<avatar-adam>` imports the first time it opens — the
 * conversation, streaming answers with their sources, the avatar and its voice, voice input.
 * It is an implementation detail of `<avatar-adam>`, which passes it its settings.
 *
 * @fires avatar-adam-send - The visitor sent a message; `detail: { text }`.
 * @fires avatar-adam-answer - An answer finished; `detail` is the SDK's `ChatDone`.
 * @fires avatar-adam-status - The connection changed; `detail: { status }`.
 * @fires avatar-adam-error - Something failed; `detail: { code, message }`.
 * @fires avatar-adam-avatar - Which avatar shows; `detail: { provider, reason? }`.
 * @fires avatar-adam-close-request - The close button was pressed (does not bubble).
 * @fires avatar-adam-lead - The visitor sent the contact form the assistant offered; `detail` is
 *   the stored `Lead`.
 * @fires avatar-adam-settings - The dealership's widget settings arrived from the server or
 *   changed; `detail` is the `WidgetSettings` (does not bubble: `<avatar-adam>` applies them).
 *
 * @csspart panel - The dialog; see `<avatar-adam>` for the other parts.
 */
@customElement('avatar-adam-panel')
export class AvatarAdamPanel extends LitElement {
  static override styles = panelStyles

  /** The publishable key; without one the panel explains it is not set up. */
  @property() accessor key = ''
  /** The AvatarAdam server URL. */
  @property() accessor server = ''
  /** BCP 47 language for speech and `lang`. */
  @property() accessor locale = ''
  @property({ attribute: 'assistant-name' }) accessor assistantName = 'Adam'
  /** The first message; the English default is shown in the panel's language. */
  @property() accessor greeting = ''
  /** Offered before the first question; the English defaults are asked in the panel's language. */
  @property({ attribute: false }) accessor suggestions: string[] = []
  @property({ reflect: true }) accessor position: Position = 'bottom-right'
  /** Connects on first open; stays connected while closed so answers keep arriving. */
  @property({ type: Boolean }) accessor open = false
  /** Builds the visitor client. Default: the SDK's `createClient`. */
  @property({ attribute: false }) accessor clientFactory: ClientFactory | undefined
  /** Starts a HeyGen session. Default: HeyGen's web SDK, imported on first use. */
  @property({ attribute: false }) accessor videoAvatarFactory: VideoAvatarFactory | undefined
  /** How long the video avatar may take to appear before the built-in face stays. */
  @property({ attribute: false }) accessor videoAvatarTimeoutMs = 20_000
  /** A picture (https URL) shown in place of the built-in face; empty for the face. */
  @property({ attribute: false }) accessor avatarImage = ''
  /** Languages the dealership offers; with more than one the visitor may choose. */
  @property({ attribute: false }) accessor languages: string[] = []
  /** Opening hours: outside them `hours.closedMessage` shows. Null: always open. */
  @property({ attribute: false }) accessor hours: BusinessHours | null = null
  /** Renders from the given settings without connecting (the portal's live preview). */
  @property({ type: Boolean, reflect: true }) accessor preview = false

  /** The language the visitor chose from `languages`; empty until they choose. */
  @state() accessor _language = ''

  @state() accessor _draft = ''
  @state() accessor _muted = loadMuted()
  @state() accessor _listening = false
  @state() accessor _speaking = false
  @state() accessor _mouth = 0
  @state() accessor _announcement = ''
  @state() accessor _micNotice = ''

  #conversation = new Conversation(
    this,
    {
      progress: (message, done) => this.#progress(message, done),
      sent: (text) => this.#emit('avatar-adam-send', { text }),
      answered: (done: ChatDone) => this.#emit('avatar-adam-answer', done),
      status: (status) => this.#emit('avatar-adam-status', { status }),
      error: (code, message) => this.#emit('avatar-adam-error', { code, message }),
      settings: (settings: WidgetSettings) =>
        this.dispatchEvent(new CustomEvent('avatar-adam-settings', { detail: settings })),
    },
    () => this.#strings,
  )
  /** One splitter per answer: two answers may stream at once. */
  #sentences = new Map<number, SentenceSplitter>()
  #speaker = createSpeaker({
    mouth: (open) => {
      this._mouth = open
    },
    speaking: (active) => {
      this._speaking = active
    },
  })
  #recognizerEvents: RecognizerEvents = {
    interim: (text) => {
      this._draft = text
    },
    final: (text) => {
      this._draft = ''
      this.#send(text)
    },
    listening: (active) => {
      this._listening = active
    },
    error: (code) => {
      if (code === 'not-allowed' || code === 'service-not-allowed')
        this._micNotice = this.#strings.micBlocked
      // The server's transcription failed or refused the recording (too long, busy…).
      else if (code.startsWith('speech_') || code === 'rate_limited')
        this._micNotice = this.#strings.micFailed
    },
  }
  #browserRecognizer = createRecognizer(this.#recognizerEvents)
  /** Set when the server transcribes: microphone audio streams to it instead. */
  #serverRecognizer: Recognizer | undefined
  /** Set when the server speaks: its audio plays here and moves the mouth. */
  #player: AudioPlayer | undefined
  /** The client whose capabilities were asked for, so a new client asks again. */
  #speechClient: VisitorClient | undefined
  /** Answers the server is speaking (by view key), with their sentences in case it fails. */
  #serverSpoken = new Map<number, string[]>()
  #avatar = new VideoAvatar(this, {
    changed: (provider, reason) => this.#emit('avatar-adam-avatar', { provider, reason }),
  })
  /** Follow new messages only while the visitor has not scrolled up to read. */
  #atBottom = true

  /** Moves keyboard focus to the message input. */
  focusInput(): void {
    this.renderRoot.querySelector('input')?.focus()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Moved in the page: the controller closed the client on disconnect; reconnect if open.
    this.requestUpdate()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#quiet()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const conversation = this.#conversation
    const reconfigured = changed.has('key') || changed.has('server') || changed.has('clientFactory')
    if ((reconfigured || changed.has('preview')) && conversation.started) conversation.stop()
    if (this.open && !conversation.started && this.key && !this.preview) {
      const factory = this.clientFactory ?? createClient
      conversation.start(factory, {
        key: this.key,
        baseUrl: this.server,
        page: pageContext(),
      })
    }
    if (changed.has('open') && !this.open) this.#quiet()
    // The video avatar runs (and is billed) only while the panel is open: each opening starts
    // a new session.
    if (this.open && conversation.started && (changed.has('open') || reconfigured)) {
      void this.#avatar.start(
        () => conversation.avatarSession(),
        this.videoAvatarFactory,
        this.videoAvatarTimeoutMs,
      )
    }
    if (changed.has('_muted')) this.#avatar.muted = this._muted
    const client = conversation.client
    if (client && client !== this.#speechClient) void this.#offerSpeech(client)
  }

  /**
   * The panel's words: in the page's `locale`, else the language the visitor chose, else the
   * browser's (a Spanish browser reads Spanish buttons even where the dealership lists English
   * only; answers follow the language each question is asked in).
   */
  get #strings(): Strings {
    if (this.locale) return stringsFor(this.locale)
    if (this._language && this.languages.includes(this._language)) return stringsFor(this._language)
    const browser = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language
    return stringsFor(browser ?? this.#locale)
  }

  /**
   * The language of the panel and its speech: the page's `locale` wins; then the visitor's
   * choice among the dealership's languages; then the one of those nearest the browser's.
   */
  get #locale(): string {
    if (this.locale) return this.locale
    const browser = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en-US']
    if (this.languages.length === 0) return browser[0] ?? 'en-US'
    if (this._language && this.languages.includes(this._language)) return this._language
    return pickLanguage(this.languages, browser)
  }

  get #recognizer(): Recognizer {
    return this.#serverRecognizer ?? this.#browserRecognizer
  }

  /**
   * Asks the server what it does with speech, and loads the modules for what it does: streaming
   * the microphone to it, and playing its spoken answers. Otherwise the browser's own speech
   * recognition and synthesis stay, as without a server that offers them.
   */
  async #offerSpeech(client: VisitorClient): Promise<void> {
    this.#speechClient = client
    this.#serverRecognizer = undefined
    this.#player?.cancel()
    this.#player = undefined
    let offers: ServerCapabilities
    try {
      offers = await client.capabilities()
    } catch {
      return
    }
    if (client !== this.#speechClient) return
    if (offers.stt === 'server') {
      const { createServerRecognizer } = await import('./server-recognition.ts')
      const recognizer = createServerRecognizer(client, this.#recognizerEvents)
      if (recognizer.supported && client === this.#speechClient) {
        this.#serverRecognizer = recognizer
      }
    }
    // Without MediaSource for MP3 (older iOS Safari) the browser's voice stays, as without TTS.
    const playable = typeof MediaSource === 'function' && MediaSource.isTypeSupported('audio/mpeg')
    if (offers.tts === 'server' && playable) {
      const { createAudioPlayer } = await import('./audio-player.ts')
      if (client !== this.#speechClient) return
      const player = createAudioPlayer({
        mouth: (open) => {
          this._mouth = open
        },
        speaking: (active) => {
          this._speaking = active
        },
        failed: (answerId) => this.#speakInBrowser(answerId),
      })
      this.#player = player
      client.on('speech:audio', (audio) => {
        if (this.#player === player) player.push(audio)
      })
      client.on('speech:error', (error) => {
        if (error.answerId) this.#speakInBrowser(error.answerId)
      })
    }
    this.requestUpdate()
  }

  /** The server could not speak an answer: the browser says what it had of it, and the rest. */
  #speakInBrowser(answerId: string): void {
    const view = this.#conversation.messages.find((m) => m.id === answerId)
    const sentences = view && this.#serverSpoken.get(view.key)
    if (!view || !sentences) return
    this.#serverSpoken.delete(view.key)
    if (this._muted || !this.open) return
    for (const sentence of sentences) this.#speaker.speak(sentence, view.language ?? this.#locale)
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector('.messages')
    if (list && this.#atBottom) list.scrollTop = list.scrollHeight
  }

  override render(): TemplateResult {
    const conversation = this.#conversation
    const blocked = this.preview
      ? undefined
      : (conversation.unavailable ?? (this.key ? undefined : 'not-set-up'))
    const asked = conversation.messages.some((m) => m.role === 'visitor')
    const t = this.#strings
    const greeting = this.greeting && greetingFor(t, this.greeting, this.assistantName)
    const suggestions = suggestionsFor(t, this.suggestions)
    return html`<section
      part="panel"
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="title"
      lang=${this.#locale}
    >
      <header part="header">
        ${
          this.#avatar.mode === 'video'
            ? this.#avatar.video
            : this.avatarImage
              ? html`<img
                  part="avatar"
                  class="avatar-image"
                  src=${this.avatarImage}
                  alt=""
                  referrerpolicy="no-referrer"
                />`
              : html`<avatar-adam-face
              part="avatar"
              .state=${this.#faceState()}
              .mouth=${this._mouth}
            ></avatar-adam-face>`
        }
        <div class="heading">
          <h2 id="title" part="title">${this.assistantName}</h2>
          <p class="presence" part="status">
            ${this.preview ? t.preview : blocked ? t.offline : t.presence[conversation.status]}
          </p>
        </div>
        ${this.languages.length > 1 && !this.locale ? this.#languageMenu() : nothing}
        <button
          class="icon"
          part="button new-conversation"
          type="button"
          aria-label=${t.newConversation}
          title=${t.newConversation}
          @click=${this.#newConversation}
        >
          ${newIcon}
        </button>
        ${this.#speaker.supported || this.#player || this.#avatar.mode === 'video' ? this.#muteButton() : nothing}
        <button
          class="icon"
          part="button close"
          type="button"
          aria-label=${t.closeChat}
          title=${t.closeChat}
          @click=${this.#close}
        >
          ${closeIcon}
        </button>
      </header>
      <p class="notice" part="notice" role="status">${this.#notice(blocked)}</p>
      <ol class="messages" part="messages" aria-label=${t.conversation} @scroll=${this.#onScroll}>
        ${greeting ? this.#bubble('assistant', renderMarkdown(greeting)) : nothing}
        ${conversation.messages.map((m) => this.#message(m))}
        ${
          conversation.leadRequest
            ? html`<li class="lead" part="lead">
              <avatar-adam-lead-form
                .request=${conversation.leadRequest}
                .strings=${t.lead}
                .submit=${(lead: LeadSubmitPayload) => conversation.submitLead(lead)}
              ></avatar-adam-lead-form>
            </li>`
            : nothing
        }
      </ol>
      ${
        !asked && !blocked && suggestions.length > 0
          ? html`<div
            class="suggestions"
            part="suggestions"
            role="group"
            aria-label=${t.suggestedQuestions}
          >
            ${suggestions.map(
              (s) => html`<button
                class="suggestion"
                part="suggestion"
                type="button"
                @click=${() => this.#send(s)}
              >
                ${s}
              </button>`,
            )}
          </div>`
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this._announcement}</div>
      <form part="form" @submit=${this.#onSubmit}>
        <label class="visually-hidden" for="input">${t.messageTo(this.assistantName)}</label>
        <input
          id="input"
          part="input"
          type="text"
          autocomplete="off"
          enterkeyhint="send"
          maxlength="2000"
          placeholder=${this._listening ? t.listening : t.askPlaceholder}
          .value=${this._draft}
          ?disabled=${Boolean(blocked) || this.preview}
          @input=${this.#onInput}
        />
        ${this.#recognizer.supported ? this.#micButton(Boolean(blocked)) : nothing}
        <button
          class="icon send"
          part="button send"
          type="submit"
          aria-label=${t.send}
          title=${t.send}
          ?disabled=${Boolean(blocked) || this._draft.trim() === ''}
        >
          ${sendIcon}
        </button>
      </form>
    </section>`
  }

  #message(message: ViewMessage) {
    if (message.role === 'visitor') return this.#bubble('visitor', message.text)
    if (message.state === 'waiting') {
      return html`<li class="message assistant" part="message message-assistant">
        <div class="bubble typing" part="typing">
          <span></span><span></span><span></span>
          <span class="visually-hidden">${this.assistantName} ${this.#strings.typing}</span>
        </div>
      </li>`
    }
    return html`<li class="message assistant" part="message message-assistant" lang=${message.language ?? nothing}>
      ${
        message.text
          ? html`<div class="bubble" part="bubble">${renderMarkdown(message.text)}</div>`
          : nothing
      }
      ${message.error ? html`<p class="error">${message.error}</p>` : nothing}
      ${
        message.retry
          ? html`<button
            class="link-button"
            type="button"
            @click=${() => this.#conversation.retry(message)}
          >
            ${this.#strings.tryAgain}
          </button>`
          : nothing
      }
      ${this.#actions(message)}
      ${message.citations.length > 0 ? this.#citations(message) : nothing}
    </li>`
  }

  #bubble(role: ViewMessage['role'], content: unknown) {
    return html`<li class="message ${role}" part="message message-${role}">
      <div class="bubble" part="bubble">${content}</div>
    </li>`
  }

  /** The hand-off button under the latest answer that offers it (until the form is open). */
  #actions(message: ViewMessage) {
    const handoff = message.actions?.find((a) => a.type === 'handoff')
    const conversation = this.#conversation
    if (!handoff || conversation.leadRequest) return nothing
    const last = conversation.messages.filter((m) => m.role === 'assistant').at(-1)
    if (last !== message) return nothing
    return html`<button
      class="action"
      part="button handoff"
      type="button"
      @click=${() => conversation.handOff(message, handoff.label || this.#strings.handoff)}
    >
      ${handoff.label || this.#strings.handoff}
    </button>`
  }

  #citations(message: ViewMessage) {
    const count = message.citations.length
    return html`<details part="citations">
      <summary>${this.#strings.sources(count)}</summary>
      <ul>
        ${message.citations.map(
          (c) => html`<li><span class="source-title">${c.title}</span>${c.snippet}</li>`,
        )}
      </ul>
    </details>`
  }

  #languageMenu() {
    const current = this.#locale
    return html`<select
      class="language"
      part="language"
      aria-label=${this.#strings.language}
      title=${this.#strings.language}
      @change=${this.#onLanguage}
    >
      ${this.languages.map(
        (tag) => html`<option value=${tag} ?selected=${tag === current} lang=${tag}>
          ${languageName(tag)}
        </option>`,
      )}
    </select>`
  }

  #onLanguage(event: Event): void {
    this._language = (event.target as HTMLSelectElement).value
    this.#speaker.cancel()
  }

  #muteButton() {
    return html`<button
      class="icon"
      part="button mute"
      type="button"
      aria-label=${this.#strings.mute}
      title=${this._muted ? this.#strings.unmute : this.#strings.mute}
      aria-pressed=${String(this._muted)}
      @click=${this.#toggleMute}
    >
      ${this._muted ? mutedIcon : soundIcon}
    </button>`
  }

  #micButton(disabled: boolean) {
    return html`<button
      class="icon"
      part="button mic"
      type="button"
      aria-label=${this.#strings.speak}
      title=${this.#strings.speak}
      aria-pressed=${String(this._listening)}
      ?disabled=${disabled}
      @click=${this.#toggleMic}
    >
      ${micIcon}
    </button>`
  }

  #notice(blocked: string | undefined): string {
    if (blocked === 'not-set-up') return this.#strings.notSetUp
    if (blocked) return blocked
    if (this._micNotice) return this._micNotice
    if (this.hours && !isOpen(this.hours)) return this.hours.closedMessage
    const status = this.#conversation.status
    if (status === 'offline') return this.#strings.reconnecting
    if (this.#conversation.loadingHistory) return this.#strings.loadingHistory
    return ''
  }

  #faceState(): FaceState {
    if (this._listening) return 'listening'
    if (this._speaking) return 'speaking'
    if (this.#conversation.waiting) return 'thinking'
    return 'idle'
  }

  /** Speaks and announces each sentence of an answer once, as soon as it is complete. */
  #progress(message: ViewMessage, done: boolean): void {
    let splitter = this.#sentences.get(message.key)
    if (!splitter) {
      splitter = new SentenceSplitter()
      this.#sentences.set(message.key, splitter)
    }
    const sentences = done ? splitter.finish(message.text) : splitter.update(message.text)
    if (done) this.#sentences.delete(message.key)
    const spoken = sentences.map(plainText).filter(Boolean)
    if (spoken.length === 0) return
    this._announcement = spoken.join(' ')
    const byServer = this.#serverSpoken.get(message.key)
    if (byServer) {
      // The server speaks it; kept in case it fails, then the browser takes over.
      byServer.push(...spoken)
      if (done) setTimeout(() => this.#serverSpoken.delete(message.key), 60_000)
      return
    }
    if (!this._muted && this.open) {
      for (const sentence of spoken) {
        if (!this.#avatar.speak(sentence))
          this.#speaker.speak(sentence, message.language ?? this.#locale)
      }
    }
  }

  #send(text: string): void {
    const trimmed = text.trim()
    if (!trimmed || this.preview) return
    this.#speaker.cancel()
    this.#avatar.interrupt()
    this.#avatar.keepAlive()
    this.#player?.cancel()
    // Sent by a click or key press: the moment a browser lets a page start sound.
    this.#player?.unlock()
    // The video avatar says the answers itself; otherwise the server's voice, when offered.
    const speech =
      Boolean(this.#player) && !this._muted && this.open && this.#avatar.mode !== 'video'
    const reply = this.#conversation.ask(trimmed, undefined, { speech })
    if (reply && speech) this.#serverSpoken.set(reply.key, [])
    this._draft = ''
    this.#atBottom = true
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault()
    this.#send(this._draft)
  }

  #onInput(event: InputEvent): void {
    this._draft = (event.target as HTMLInputElement).value
  }

  #onScroll(event: Event): void {
    const list = event.target as HTMLElement
    this.#atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40
  }

  #toggleMute(): void {
    this._muted = !this._muted
    saveMuted(this._muted)
    if (this._muted) {
      this.#speaker.cancel()
      this.#avatar.interrupt()
      this.#player?.cancel()
    }
  }

  #toggleMic(): void {
    if (this._listening) {
      this.#recognizer.stop()
      return
    }
    this._micNotice = ''
    // The visitor is talking: the avatar stops.
    this.#speaker.cancel()
    this.#avatar.interrupt()
    this.#player?.cancel()
    this.#player?.unlock()
    this.#recognizer.start(this.#locale)
  }

  #newConversation(): void {
    this.#speaker.cancel()
    this.#avatar.interrupt()
    this.#player?.cancel()
    this.#serverSpoken.clear()
    this.#sentences.clear()
    this.#conversation.reset()
    this._announcement = ''
    this.#atBottom = true
    this.focusInput()
  }

  #close(): void {
    this.dispatchEvent(new Event('avatar-adam-close-request'))
  }

  /** Closed or removed: stop talking and listening. */
  #quiet(): void {
    this.#speaker.cancel()
    this.#player?.cancel()
    this.#recognizer.stop()
    this.#avatar.stop()
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'avatar-adam-panel': AvatarAdamPanel
  }
}
