import '@avataradam/widget'
import type { Account, BusinessHours, Weekday, WidgetSettings } from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { errorText, formErrors } from '../ui/field-errors.ts'
import { pageStyles } from './parts/page-styles.ts'
import {
  LANGUAGE_TAGS,
  languageName,
  localTimeZone,
  timeZones,
  WEEKDAYS,
} from './parts/settings-options.ts'

const MAX_SUGGESTIONS = 6
const HEX = /^#[0-9a-fA-F]{6}$/

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  if (item !== undefined) next.splice(to, 0, item)
  return next
}

function defaultHours(): BusinessHours {
  const weekday = [{ open: '09:00', close: '18:00' }]
  return {
    timezone: localTimeZone(),
    days: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    closedMessage: "We're closed right now, but I can still answer your questions.",
  }
}

/**
 * How the dealership's widget looks and greets: name, greeting, suggested questions, colours,
 * avatar, languages and business hours, beside a live preview of the real `<avatar-adam>`.
 */
@customElement('aa-widget-settings-page')
export class WidgetSettingsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem);
        gap: var(--_space);
        align-items: start;
      }
      .preview {
        position: sticky;
        top: var(--_space);
      }
      /* A transform makes this the containing block of the widget's fixed-position launcher and
         panel, so the preview stays inside the frame instead of the page's corner. */
      .stage {
        position: relative;
        transform: translateZ(0);
        height: 620px;
        overflow: hidden;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: repeating-linear-gradient(45deg, var(--_bg) 0 12px, var(--_surface) 12px 24px);
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 var(--_space);
        padding: var(--_space);
      }
      legend {
        font-weight: 700;
        padding: 0 0.3rem;
      }
      .list li {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        margin-bottom: 0.4rem;
      }
      .list li > input,
      .list li > span {
        flex: 1;
      }
      .color {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      input[type='color'] {
        width: 3rem;
        height: 2.5rem;
        padding: 0;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: none;
      }
      .day {
        display: grid;
        grid-template-columns: 7rem auto 1fr 1fr;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.4rem;
      }
      .day label {
        margin: 0;
      }
      .icon {
        min-width: 2.5rem;
        padding: 0.4rem;
      }
      .bar {
        position: sticky;
        bottom: 0;
        background: var(--_surface);
        padding: 0.75rem 0;
        display: flex;
        gap: 1rem;
        align-items: center;
        flex-wrap: wrap;
        border-top: 1px solid var(--_border);
      }
      .ok {
        color: var(--portal-ok, #15803d);
      }
      .bar .error {
        flex-basis: 100%;
      }
      .color input:not([type='color']) {
        max-width: 8rem;
      }
      .legend-like {
        display: block;
        font-weight: 600;
      }
      @media (max-width: 700px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .preview {
          position: static;
        }
        .stage {
          height: 560px;
        }
        .day {
          grid-template-columns: 1fr 1fr;
        }
      }
    `,
  ]

  /** How the page reaches `/v1`. */
  @property({ attribute: false }) accessor api: PortalApi | undefined
  /** The signed-in member: without `settings`, the form is read-only. */
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _saved: WidgetSettings | undefined
  @state() accessor _draft: WidgetSettings | undefined
  @state() accessor _loadError = ''
  @state() accessor _saving = false
  @state() accessor _status = ''
  @state() accessor _errors = new Map<string, string>()
  @state() accessor _saveError = ''
  @state() accessor _addLanguage = ''

  #zones: string[] | undefined

  /** True while the form differs from what is saved (the shell may ask before leaving). */
  get unsavedChanges(): boolean {
    return !!this._draft && JSON.stringify(this._draft) !== JSON.stringify(this._saved)
  }

  get #canEdit(): boolean {
    return this.account?.permissions.includes('settings') ?? false
  }

  #beforeUnload = (e: BeforeUnloadEvent) => {
    if (this.unsavedChanges) e.preventDefault()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    addEventListener('beforeunload', this.#beforeUnload)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    removeEventListener('beforeunload', this.#beforeUnload)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.#load()
  }

  async #load(): Promise<void> {
    if (!this.api) return
    this._loadError = ''
    try {
      const settings = await this.api.request<WidgetSettings>('GET', '/widget-settings')
      this._saved = settings
      this._draft = structuredClone(settings)
    } catch (err) {
      this._loadError = errorText(err)
    }
  }

  /** Every change makes a new draft object, so the preview (and Lit) sees it. */
  #edit(change: (draft: WidgetSettings) => void): void {
    if (!this._draft) return
    const next = structuredClone(this._draft)
    change(next)
    this._draft = next
    this._status = ''
  }

  async #save(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api || !this._draft) return
    this._saving = true
    this._saveError = ''
    this._errors = new Map()
    this._status = 'Saving…'
    try {
      const draft = this._draft
      const saved = await this.api.request<WidgetSettings>('PUT', '/widget-settings', {
        ...draft,
        suggestions: draft.suggestions.map((s) => s.trim()).filter(Boolean),
      })
      this._saved = saved
      this._draft = structuredClone(saved)
      this._status = 'Saved. Visitors see the new settings right away.'
    } catch (err) {
      this._errors = new Map(Object.entries(formErrors(err).fields))
      this._saveError = errorText(err)
      this._status = ''
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], #save-error')?.focus()
    } finally {
      this._saving = false
    }
  }

  #discard(): void {
    if (this._saved) this._draft = structuredClone(this._saved)
    this._errors = new Map()
    this._saveError = ''
    this._status = 'Changes discarded.'
  }

  /** The first server error on `path` or inside it. */
  #error(path: string): string | undefined {
    for (const [key, message] of this._errors) {
      if (key === path || key.startsWith(`${path}.`)) return message
    }
    return undefined
  }

  #errorFor(path: string, id: string) {
    const message = this.#error(path)
    return message ? html`<p class="error" id=${id}>${message}</p>` : nothing
  }

  override render() {
    const draft = this._draft
    if (!draft) {
      return html`
        ${
          this._loadError
            ? html`<p class="error" role="alert">Could not load the settings: ${this._loadError}</p>
              <button type="button" @click=${() => this.#load()}>Try again</button>`
            : html`<p class="muted" aria-live="polite">Loading settings…</p>`
        }
      `
    }
    const disabled = !this.#canEdit
    return html`
      ${
        disabled
          ? html`<p class="muted">Your role can view these settings but not change them.</p>`
          : nothing
      }
      <div class="layout">
        <form @submit=${this.#save} novalidate aria-label="Widget settings">
          <fieldset ?disabled=${disabled}>
            <legend>Assistant</legend>
            ${this.#renderIdentity(draft)}
          </fieldset>
          <fieldset ?disabled=${disabled}>
            <legend>Suggested questions</legend>
            ${this.#renderSuggestions(draft)}
          </fieldset>
          <fieldset ?disabled=${disabled}>
            <legend>Look</legend>
            ${this.#renderLook(draft)}
          </fieldset>
          <fieldset ?disabled=${disabled}>
            <legend>Languages</legend>
            ${this.#renderLanguages(draft)}
          </fieldset>
          <fieldset ?disabled=${disabled}>
            <legend>Business hours</legend>
            ${this.#renderHours(draft)}
          </fieldset>
          ${disabled ? nothing : this.#renderBar()}
        </form>
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <p class="muted">How visitors see the widget, as you edit.</p>
          <div class="stage">
            <avatar-adam preview .settings=${draft} aria-label="Widget preview"></avatar-adam>
          </div>
        </section>
      </div>
    `
  }

  #renderBar() {
    return html`
      <div class="bar">
        <button type="submit" class="primary" ?disabled=${this._saving || !this.unsavedChanges}>
          ${this._saving ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          ?disabled=${this._saving || !this.unsavedChanges}
          @click=${this.#discard}
        >
          Discard
        </button>
        <span role="status" aria-live="polite" class=${this._status.startsWith('Saved') ? 'ok' : 'muted'}
          >${this._status || (this.unsavedChanges ? 'Unsaved changes' : '')}</span
        >
        ${
          this._saveError
            ? html`<p class="error" id="save-error" role="alert" tabindex="-1">
              Not saved: ${this._saveError}
            </p>`
            : nothing
        }
      </div>
    `
  }

  #renderIdentity(draft: WidgetSettings) {
    return html`
      <div class="field">
        <label for="name">Assistant name</label>
        <input
          id="name"
          maxlength="60"
          required
          .value=${draft.assistantName}
          aria-invalid=${this.#error('assistantName') ? 'true' : 'false'}
          aria-describedby="name-error"
          @input=${(e: Event) =>
            this.#edit((d) => {
              d.assistantName = (e.target as HTMLInputElement).value
            })}
        />
        ${this.#errorFor('assistantName', 'name-error')}
      </div>
      <div class="field">
        <label for="greeting">Greeting</label>
        <textarea
          id="greeting"
          rows="3"
          maxlength="500"
          .value=${draft.greeting}
          aria-invalid=${this.#error('greeting') ? 'true' : 'false'}
          aria-describedby="greeting-error"
          @input=${(e: Event) =>
            this.#edit((d) => {
              d.greeting = (e.target as HTMLTextAreaElement).value
            })}
        ></textarea>
        ${this.#errorFor('greeting', 'greeting-error')}
      </div>
    `
  }

  #renderSuggestions(draft: WidgetSettings) {
    const list = draft.suggestions
    return html`
      <p class="muted">Shown before the first message; at most ${MAX_SUGGESTIONS}.</p>
      <ol class="plain list">
        ${list.map(
          (text, i) => html`<li>
            <input
              aria-label=${`Suggested question ${i + 1}`}
              maxlength="120"
              .value=${text}
              aria-invalid=${this.#error(`suggestions.${i}`) ? 'true' : 'false'}
              @input=${(e: Event) =>
                this.#edit((d) => {
                  d.suggestions[i] = (e.target as HTMLInputElement).value
                })}
            />
            <button
              type="button"
              class="icon"
              aria-label=${`Move question ${i + 1} up`}
              ?disabled=${i === 0}
              @click=${() =>
                this.#edit((d) => {
                  d.suggestions = move(d.suggestions, i, i - 1)
                })}
            >
              ↑
            </button>
            <button
              type="button"
              class="icon"
              aria-label=${`Move question ${i + 1} down`}
              ?disabled=${i === list.length - 1}
              @click=${() =>
                this.#edit((d) => {
                  d.suggestions = move(d.suggestions, i, i + 1)
                })}
            >
              ↓
            </button>
            <button
              type="button"
              class="icon danger"
              aria-label=${`Remove question ${i + 1}`}
              @click=${() =>
                this.#edit((d) => {
                  d.suggestions.splice(i, 1)
                })}
            >
              ✕
            </button>
          </li>`,
        )}
      </ol>
      ${list.length ? nothing : html`<p class="muted">No suggestions: visitors start typing.</p>`}
      ${this.#errorFor('suggestions', 'suggestions-error')}
      <button
        type="button"
        ?disabled=${list.length >= MAX_SUGGESTIONS}
        @click=${async () => {
          this.#edit((d) => {
            d.suggestions.push('')
          })
          await this.updateComplete
          this.renderRoot
            .querySelector<HTMLInputElement>(`[aria-label="Suggested question ${list.length + 1}"]`)
            ?.focus()
        }}
      >
        Add a question
      </button>
    `
  }

  #renderColor(key: 'primary' | 'onPrimary', label: string, draft: WidgetSettings) {
    const value = draft.colors[key]
    const set = (v: string) =>
      this.#edit((d) => {
        d.colors[key] = v
      })
    const error = this.#error(`colors.${key}`) ?? (HEX.test(value) ? undefined : 'Use #rrggbb.')
    return html`
      <div class="field">
        <label for=${`${key}-hex`}>${label}</label>
        <div class="color">
          <input
            type="color"
            aria-label=${`${label}: picker`}
            .value=${HEX.test(value) ? value.toLowerCase() : '#000000'}
            @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
          />
          <input
            id=${`${key}-hex`}
            maxlength="7"
            spellcheck="false"
            .value=${value}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${`${key}-error`}
            @input=${(e: Event) => set((e.target as HTMLInputElement).value.trim())}
          />
        </div>
        ${error ? html`<p class="error" id=${`${key}-error`}>${error}</p>` : nothing}
      </div>
    `
  }

  #renderLook(draft: WidgetSettings) {
    const avatar = draft.avatar
    return html`
      <div class="row">
        ${this.#renderColor('primary', 'Main colour', draft)}
        ${this.#renderColor('onPrimary', 'Text on the main colour', draft)}
      </div>
      <div class="field" role="radiogroup" aria-labelledby="avatar-label">
        <span id="avatar-label" class="legend-like">Avatar</span>
        <label class="check">
          <input
            type="radio"
            name="avatar"
            .checked=${avatar.kind === 'builtin'}
            @change=${() =>
              this.#edit((d) => {
                d.avatar = { kind: 'builtin' }
              })}
          />
          The built-in animated face
        </label>
        <label class="check">
          <input
            type="radio"
            name="avatar"
            .checked=${avatar.kind === 'image'}
            @change=${() =>
              this.#edit((d) => {
                d.avatar = { kind: 'image', url: '' }
              })}
          />
          A picture
        </label>
      </div>
      ${
        avatar.kind === 'image'
          ? html`<div class="field">
            <label for="avatar-url">Picture URL (https)</label>
            <input
              id="avatar-url"
              type="url"
              placeholder="https://example.com/adam.png"
              .value=${avatar.url}
              aria-invalid=${this.#error('avatar') ? 'true' : 'false'}
              aria-describedby="avatar-error"
              @input=${(e: Event) =>
                this.#edit((d) => {
                  d.avatar = { kind: 'image', url: (e.target as HTMLInputElement).value.trim() }
                })}
            />
            ${this.#errorFor('avatar', 'avatar-error')}
          </div>`
          : nothing
      }
    `
  }

  #renderLanguages(draft: WidgetSettings) {
    const list = draft.languages
    const available = LANGUAGE_TAGS.filter((t) => !list.includes(t))
    const toAdd = available.includes(this._addLanguage) ? this._addLanguage : available[0]
    return html`
      <p class="muted">The first is the default; visitors can switch to the others.</p>
      <ol class="plain list">
        ${list.map(
          (tag, i) => html`<li>
            <span>${languageName(tag)}${i === 0 ? html` <span class="badge">default</span>` : nothing}</span>
            <button
              type="button"
              class="icon"
              aria-label=${`Move ${languageName(tag)} up`}
              ?disabled=${i === 0}
              @click=${() =>
                this.#edit((d) => {
                  d.languages = move(d.languages, i, i - 1)
                })}
            >
              ↑
            </button>
            <button
              type="button"
              class="icon"
              aria-label=${`Move ${languageName(tag)} down`}
              ?disabled=${i === list.length - 1}
              @click=${() =>
                this.#edit((d) => {
                  d.languages = move(d.languages, i, i + 1)
                })}
            >
              ↓
            </button>
            <button
              type="button"
              class="icon danger"
              aria-label=${`Remove ${languageName(tag)}`}
              ?disabled=${list.length === 1}
              @click=${() =>
                this.#edit((d) => {
                  d.languages.splice(i, 1)
                })}
            >
              ✕
            </button>
          </li>`,
        )}
      </ol>
      ${this.#errorFor('languages', 'languages-error')}
      ${
        available.length
          ? html`<div class="row">
            <div class="grow">
              <label for="add-language">Add a language</label>
              <select
                id="add-language"
                @change=${(e: Event) => {
                  this._addLanguage = (e.target as HTMLSelectElement).value
                }}
              >
                ${available.map(
                  (t) =>
                    html`<option value=${t} ?selected=${t === toAdd}>${languageName(t)}</option>`,
                )}
              </select>
            </div>
            <button
              type="button"
              @click=${() =>
                toAdd &&
                this.#edit((d) => {
                  d.languages.push(toAdd)
                })}
            >
              Add
            </button>
          </div>`
          : nothing
      }
    `
  }

  #renderHours(draft: WidgetSettings) {
    const hours = draft.hours
    return html`
      <label class="check">
        <input
          type="checkbox"
          .checked=${hours === null}
          @change=${(e: Event) =>
            this.#edit((d) => {
              d.hours = (e.target as HTMLInputElement).checked ? null : defaultHours()
            })}
        />
        Always open
      </label>
      ${hours ? this.#renderSchedule(hours) : nothing}
    `
  }

  #renderSchedule(hours: BusinessHours) {
    this.#zones ??= timeZones()
    const zones = this.#zones.includes(hours.timezone)
      ? this.#zones
      : [hours.timezone, ...this.#zones]
    const setDay = (day: Weekday, change: (range: { open: string; close: string }) => void) =>
      this.#edit((d) => {
        const range = d.hours?.days[day]?.[0]
        if (range) change(range)
      })
    return html`
      <div class="field">
        <label for="timezone">Time zone</label>
        <select
          id="timezone"
          aria-describedby="timezone-error"
          @change=${(e: Event) =>
            this.#edit((d) => {
              if (d.hours) d.hours.timezone = (e.target as HTMLSelectElement).value
            })}
        >
          ${zones.map((z) => html`<option value=${z} ?selected=${z === hours.timezone}>${z}</option>`)}
        </select>
        ${this.#errorFor('hours.timezone', 'timezone-error')}
      </div>
      <div class="field" role="group" aria-label="Opening hours">
        ${WEEKDAYS.map(({ day, label }) => {
          const range = hours.days[day]?.[0]
          return html`<div class="day">
            <strong>${label}</strong>
            <label class="check">
              <input
                type="checkbox"
                .checked=${!range}
                @change=${(e: Event) =>
                  this.#edit((d) => {
                    if (!d.hours) return
                    if ((e.target as HTMLInputElement).checked) delete d.hours.days[day]
                    else d.hours.days[day] = [{ open: '09:00', close: '18:00' }]
                  })}
              />
              Closed
            </label>
            ${
              range
                ? html`<input
                    type="time"
                    aria-label=${`${label} opens`}
                    .value=${range.open}
                    @change=${(e: Event) =>
                      setDay(day, (r) => {
                        r.open = (e.target as HTMLInputElement).value
                      })}
                  />
                  <input
                    type="time"
                    aria-label=${`${label} closes`}
                    .value=${range.close}
                    @change=${(e: Event) =>
                      setDay(day, (r) => {
                        r.close = (e.target as HTMLInputElement).value
                      })}
                  />`
                : nothing
            }
          </div>
          ${this.#errorFor(`hours.days.${day}`, `${day}-error`)}`
        })}
      </div>
      <div class="field">
        <label for="closed-message">Message outside these hours</label>
        <textarea
          id="closed-message"
          rows="2"
          maxlength="500"
          .value=${hours.closedMessage}
          aria-describedby="closed-error"
          @input=${(e: Event) =>
            this.#edit((d) => {
              if (d.hours) d.hours.closedMessage = (e.target as HTMLTextAreaElement).value
            })}
        ></textarea>
        <p class="muted">The assistant keeps answering; the widget shows this note.</p>
        ${this.#errorFor('hours.closedMessage', 'closed-error')}
      </div>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-widget-settings-page': WidgetSettingsPage
  }
}
