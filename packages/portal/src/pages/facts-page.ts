import type {
  Account,
  DealershipFacts,
  DealershipFactsResponse,
  DealershipFactsUpdate,
  DepartmentFacts,
  DocumentList,
  Weekday,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { openDialog } from '../ui/dialog.ts'
import { errorText, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/empty-state.ts'
import '../ui/error-banner.ts'
import './parts/facts-form.ts'
import type { FactsForm } from './parts/facts-form.ts'
import {
  departmentLabel,
  holidayWhen,
  isEmpty,
  ordered,
  scheduleText,
} from './parts/facts-format.ts'
import { timeZones, WEEKDAYS } from './parts/settings-options.ts'

/** "Tuesday 3:42 PM" in a time zone, or null when the browser does not know the zone. */
function nowIn(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: zone,
      weekday: 'long',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date())
  } catch {
    return null
  }
}

/**
 * The dealership facts the assistant answers directly (hours per department, phones, address,
 * website, staff, holiday closures) as read from the documents, where each came from, and the
 * time zone "are you open now?" is answered in. Members with `settings` correct them (the
 * corrections then replace what the documents say) or reset them to the documents.
 */
@customElement('aa-facts-page')
export class FactsPage extends LitElement {
  static override styles = [
    portalStyles,
    css`
      section.card h2 {
        margin-top: 0;
      }
      h3 {
        font-size: 1.05rem;
        margin: 0 0 8px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
        margin-bottom: var(--portal-space, 16px);
      }
      .summary p {
        margin: 0;
        flex: 1 1 20rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(7rem, max-content) 1fr;
        gap: 6px 16px;
        margin: 12px 0 0;
      }
      dt {
        font-weight: 600;
        color: var(--portal-muted, #5b6270);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding: 0 0 6px;
      }
      .source {
        display: block;
        font-size: 0.875rem;
        color: var(--portal-muted, #5b6270);
        margin-top: 8px;
      }
      .departments {
        display: grid;
        gap: var(--portal-space, 16px);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr));
        align-items: start;
      }
      .departments > .card {
        margin: 0;
      }
      .ok {
        color: var(--portal-ok, #15803d);
      }
      .empty-actions {
        justify-content: center;
      }
      @media (max-width: 720px) {
        dl {
          grid-template-columns: 1fr;
          gap: 2px;
        }
        dd {
          margin-bottom: 8px;
        }
      }
    `,
  ]

  /** How the page reaches `/v1`. */
  @property({ attribute: false }) accessor api: PortalApi | undefined
  /** The signed-in member: without `settings`, the facts are read-only. */
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _response: DealershipFactsResponse | undefined
  @state() accessor _titles = new Map<string, string>()
  @state() accessor _loadError = ''
  /** The facts handed to the correction form; undefined while the page only shows them. */
  @state() accessor _editing: DealershipFacts | undefined
  @state() accessor _errors = new Map<string, string>()
  @state() accessor _saveError = ''
  @state() accessor _saving = false
  @state() accessor _status = ''
  /** The time zone chosen in the select: "" is automatic (`timezone: null`). */
  @state() accessor _zone = ''
  @state() accessor _zoneError = ''

  @query('#reset') accessor _resetDialog: HTMLDialogElement | null = null
  @query('aa-facts-form') accessor _form: FactsForm | null = null

  #zones: string[] | undefined

  get #canEdit(): boolean {
    return this.account?.permissions.includes('settings') ?? false
  }

  /** True while corrections are being typed and not saved (the shell may ask before leaving). */
  get unsavedChanges(): boolean {
    return this._form?.unsavedChanges ?? false
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
    const documents = this.api.request<DocumentList>('GET', '/documents').catch(() => undefined)
    try {
      this.#adopt(await this.api.request<DealershipFactsResponse>('GET', '/dealership-facts'))
    } catch (err) {
      this._loadError = errorText(err)
    }
    // Titles only name where facts came from: without them the facts still show.
    const list = await documents
    if (list) {
      this._titles = new Map(list.documents.map((d) => [d.id, d.title || d.filename || d.id]))
    }
  }

  #adopt(response: DealershipFactsResponse): void {
    this._response = response
    this._zone = response.timezone ?? ''
  }

  async #startEditing(facts?: DealershipFacts): Promise<void> {
    const response = this._response
    if (!response) return
    this._editing = facts ?? response.facts
    this._errors = new Map()
    this._saveError = ''
    this._status = ''
    await this.updateComplete
    await this._form?.focusFirst()
  }

  async #stopEditing(status: string): Promise<void> {
    this._editing = undefined
    this._errors = new Map()
    this._saveError = ''
    this._status = status
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#edit')?.focus()
  }

  async #save(e: CustomEvent<DealershipFacts>): Promise<void> {
    await this.#put({ facts: e.detail }, 'Saved. The assistant answers with these facts now.')
  }

  async #reset(): Promise<void> {
    this._resetDialog?.close()
    await this.#put(
      { facts: null },
      'Reset. The assistant answers with what your documents say again.',
    )
  }

  async #put(update: DealershipFactsUpdate, done: string): Promise<void> {
    if (!this.api) return
    this._saving = true
    this._saveError = ''
    this._errors = new Map()
    this._status = 'Saving…'
    try {
      this.#adopt(
        await this.api.request<DealershipFactsResponse>('PUT', '/dealership-facts', update),
      )
      await this.#stopEditing(done)
    } catch (err) {
      const fields = Object.entries(formErrors(err).fields).map(
        ([path, message]): [string, string] => [path.replace(/^facts\./, ''), message],
      )
      this._errors = new Map(fields)
      // The server's sentence names fields by their paths; the fields themselves say it better.
      this._saveError = fields.length
        ? `correct the ${fields.length === 1 ? 'field' : 'fields'} marked below.`
        : errorText(err)
      this._status = ''
      await this.updateComplete
      await this._form?.focusFirst()
    } finally {
      this._saving = false
    }
  }

  async #saveZone(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api || !this._response) return
    this._zoneError = ''
    const timezone = this._zone || null
    try {
      const response = await this.api.request<DealershipFactsResponse>('PUT', '/dealership-facts', {
        timezone,
      } satisfies DealershipFactsUpdate)
      // Only the zone was sent: corrections being typed stay as they are.
      this.#adopt(response)
      this._status = timezone
        ? `Saved. The assistant keeps ${timezone} time.`
        : 'Saved. The time zone is chosen automatically again.'
    } catch (err) {
      this._zoneError = formErrors(err).fields.timezone ?? errorText(err)
    }
  }

  /** "Read from Contact us, About us": the documents a fact came from, by title. */
  #sources(ids: readonly string[] | undefined) {
    const titles = (ids ?? []).flatMap((id) => this._titles.get(id) ?? [])
    return titles.length
      ? html`<span class="source">Read from ${titles.join(', ')}</span>`
      : nothing
  }

  override render() {
    const response = this._response
    return html`
      <p class="muted">
        What the assistant answers directly, without searching your documents: opening hours, phone
        numbers, the address, staff and holiday closures.
      </p>
      <aa-error-banner .message=${this._loadError ? `Could not load the facts: ${this._loadError}` : ''}></aa-error-banner>
      <p role="status" aria-live="polite" class=${this._status.startsWith('Saved') || this._status.startsWith('Reset') ? 'ok' : 'muted'}>${this._status}</p>
      ${
        this._saveError && !this._editing
          ? html`<aa-error-banner .message=${`Not saved: ${this._saveError}`}></aa-error-banner>`
          : nothing
      }
      ${
        response
          ? html`${this._editing ? this.#renderForm(this._editing) : this.#renderFacts(response)}
            ${this.#renderZone(response)} ${this.#renderResetDialog()}`
          : this._loadError
            ? html`<button type="button" @click=${() => this.#load()}>Try again</button>`
            : html`<p class="muted">Loading facts…</p>`
      }
    `
  }

  #renderSummary(response: DealershipFactsResponse) {
    const edit = this.#canEdit
      ? html`<button type="button" id="edit" class="primary" @click=${() => this.#startEditing()}>
          Correct these facts
        </button>`
      : nothing
    if (response.corrected) {
      return html`<div class="summary">
        <span class="badge warn">Corrected by your team</span>
        <p>
          The assistant answers with your corrections. Documents uploaded later do not change them
          until you reset them.
        </p>
        ${edit}
        ${
          this.#canEdit
            ? html`<button
                type="button"
                ?disabled=${this._saving}
                @click=${() => openDialog(this._resetDialog)}
              >
                Reset to what the documents say
              </button>`
            : nothing
        }
      </div>`
    }
    return html`<div class="summary">
      <span class="badge ok">From your documents</span>
      <p>
        Read from your documents as they were uploaded.
        ${this.#canEdit ? 'Correct anything read wrong: the assistant then uses your version.' : ''}
      </p>
      ${edit}
    </div>`
  }

  #renderFacts(response: DealershipFactsResponse) {
    const facts = response.facts
    // Corrections that left nothing still show, with the reset that brings the documents back.
    if (isEmpty(facts) && !response.corrected) {
      return html`<aa-empty-state
        heading="No facts found yet"
        text=" Opening hours, phone numbers, the address, staff and holiday closures are read from the documents you upload on the Knowledge page, such as a contact page, an “About us” page or a staff list."
      >
        <div class="actions empty-actions">
          <a class="button" href=${href('/knowledge')}>Go to Knowledge</a>
          ${
            this.#canEdit
              ? html`<button
                  type="button"
                  id="edit"
                  @click=${() =>
                    this.#startEditing({
                      ...facts,
                      departments: [{ department: 'main', hours: {}, phones: [], emails: [] }],
                    })}
                >
                  Enter them yourself
                </button>`
              : nothing
          }
        </div>
      </aa-empty-state>`
    }
    const main = facts.departments.find((d) => d.department === 'main')
    return html`
      ${this.#renderSummary(response)}
      <section class="card" aria-labelledby="dealership-title">
        <h2 id="dealership-title">Dealership</h2>
        <dl>
          <dt>Address</dt>
          <dd>
            ${facts.address ?? html`<span class="muted">Not found</span>`}
            ${this.#sources(facts.sources?.address)}
          </dd>
          <dt>Main phone</dt>
          <dd>
            ${main?.phones[0]?.number ?? html`<span class="muted">Not found</span>`}
            ${main?.phones.length ? this.#sources(main.sources) : nothing}
          </dd>
          <dt>Website</dt>
          <dd>
            ${
              facts.website
                ? /^https?:\/\//i.test(facts.website)
                  ? html`<a href=${facts.website} rel="noopener noreferrer" target="_blank"
                      >${facts.website}</a
                    >`
                  : facts.website
                : html`<span class="muted">Not found</span>`
            }
            ${this.#sources(facts.sources?.website)}
          </dd>
        </dl>
      </section>
      <h2>Departments</h2>
      ${
        facts.departments.length
          ? html`<div class="departments">
              ${ordered(facts.departments).map(([d]) => this.#renderDepartment(d, response))}
            </div>`
          : html`<p class="muted">No department hours or phone numbers were found.</p>`
      }
      ${this.#renderStaff(facts)} ${this.#renderHolidays(facts)}
    `
  }

  #renderDepartment(d: DepartmentFacts, response: DealershipFactsResponse) {
    const name = departmentLabel(d.department)
    const read = response.extracted.departments.find((e) => e.department === d.department)
    // Corrected days beside what the documents say, so a correction can be checked.
    const differs = response.corrected
      ? WEEKDAYS.filter(
          ({ day }) => scheduleText(d.hours[day]) !== scheduleText(read?.hours[day]),
        ).map(({ day }) => day)
      : []
    const id = `dept-${d.department.replace(/\W+/g, '-')}`
    const stated = differs.length > 0 || WEEKDAYS.some(({ day }) => d.hours[day])
    return html`<section class="card" aria-labelledby=${id}>
      <h3 id=${id}>${name}</h3>
      ${stated ? this.#renderWeek(d, name, read, differs) : html`<p class="muted">No hours stated.</p>`}
      <dl>
        <dt>Phone</dt>
        <dd>
          ${
            d.phones.length
              ? d.phones.map(
                  (p) =>
                    html`<div>${p.number}${p.label ? html` <span class="muted">(${p.label})</span>` : nothing}</div>`,
                )
              : html`<span class="muted">None</span>`
          }
        </dd>
        ${d.emails.length ? html`<dt>Email</dt><dd>${d.emails.join(', ')}</dd>` : nothing}
        ${d.address ? html`<dt>Address</dt><dd>${d.address}</dd>` : nothing}
      </dl>
      ${this.#sources(d.sources)}
    </section>`
  }

  /** A department's week, beside what the documents say of the days staff corrected. */
  #renderWeek(
    d: DepartmentFacts,
    name: string,
    read: DepartmentFacts | undefined,
    differs: readonly Weekday[],
  ) {
    return html`<table>
      <caption>
        ${name} hours
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Hours</th>
          ${differs.length ? html`<th scope="col">Documents say</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${WEEKDAYS.map(
          ({ day, label }) => html`<tr>
            <th scope="row">${label}</th>
            <td>${scheduleText(d.hours[day]) ?? html`<span class="muted">Not stated</span>`}</td>
            ${
              differs.length
                ? html`<td class="muted">
                    ${differs.includes(day) ? (scheduleText(read?.hours[day]) ?? 'Not stated') : ''}
                  </td>`
                : nothing
            }
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #renderStaff(facts: DealershipFacts) {
    return html`<section class="card" aria-labelledby="staff-title">
      <h2 id="staff-title">Staff</h2>
      ${
        facts.staff.length
          ? html`<table class="reflow">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Title</th>
                  <th scope="col">Department</th>
                  <th scope="col">Extension</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Email</th>
                  <th scope="col">Read from</th>
                </tr>
              </thead>
              <tbody>
                ${facts.staff.map(
                  (s) => html`<tr>
                    <td data-label="Name">${s.name}</td>
                    <td data-label="Title">${s.title ?? ''}</td>
                    <td data-label="Department">${s.department ?? ''}</td>
                    <td data-label="Extension">${s.extension ?? ''}</td>
                    <td data-label="Phone">${s.phone ?? ''}</td>
                    <td data-label="Email">${s.email ?? ''}</td>
                    <td data-label="Read from">${(s.source && this._titles.get(s.source)) ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">No staff were found.</p>`
      }
    </section>`
  }

  #renderHolidays(facts: DealershipFacts) {
    return html`<section class="card" aria-labelledby="holidays-title">
      <h2 id="holidays-title">Holidays</h2>
      ${
        facts.holidays.length
          ? html`<table class="reflow">
              <thead>
                <tr>
                  <th scope="col">Holiday</th>
                  <th scope="col">When</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Departments</th>
                  <th scope="col">Read from</th>
                </tr>
              </thead>
              <tbody>
                ${facts.holidays.map(
                  (h) => html`<tr>
                    <td data-label="Holiday">${h.name}</td>
                    <td data-label="When">${holidayWhen(h.holiday)}</td>
                    <td data-label="Hours">${h.closed ? 'Closed' : (h.text ?? 'Open')}</td>
                    <td data-label="Departments">
                      ${h.departments?.length ? h.departments.map(departmentLabel).join(', ') : 'All'}
                    </td>
                    <td data-label="Read from">${(h.source && this._titles.get(h.source)) ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">No holiday closures were found.</p>`
      }
    </section>`
  }

  #renderForm(facts: DealershipFacts) {
    return html`<aa-facts-form
      .facts=${facts}
      .errors=${this._errors}
      .saveError=${this._saveError}
      ?saving=${this._saving}
      @aa-save=${this.#save}
      @aa-cancel=${() => this.#stopEditing('Nothing was changed.')}
    ></aa-facts-form>`
  }

  #renderZone(response: DealershipFactsResponse) {
    const effective = response.effectiveTimezone
    const now = effective ? nowIn(effective) : null
    this.#zones ??= timeZones()
    const zones =
      response.timezone && !this.#zones.includes(response.timezone)
        ? [response.timezone, ...this.#zones]
        : this.#zones
    return html`<section class="card" aria-labelledby="zone-title">
      <h2 id="zone-title">Time zone</h2>
      <p>
        ${
          effective
            ? html`“Are you open now?” is answered in <strong>${effective}</strong> time${
                response.timezone ? '' : ' (chosen automatically)'
              }.${now ? ` It is ${now} there now.` : ''}`
            : 'No time zone is known, so the assistant cannot tell whether you are open right now.'
        }
      </p>
      ${
        this.#canEdit
          ? html`<form class="actions" @submit=${this.#saveZone}>
              <label for="timezone">
                Time zone
                <select
                  id="timezone"
                  aria-invalid=${this._zoneError ? 'true' : 'false'}
                  aria-describedby="timezone-hint ${this._zoneError ? 'timezone-error' : ''}"
                  @change=${(e: Event) => {
                    this._zone = (e.target as HTMLSelectElement).value
                  }}
                >
                  <option value="" ?selected=${this._zone === ''}>Automatic</option>
                  ${zones.map((z) => html`<option value=${z} ?selected=${z === this._zone}>${z}</option>`)}
                </select>
              </label>
              <button type="submit" ?disabled=${this._zone === (response.timezone ?? '')}>
                Save time zone
              </button>
              <span class="hint" id="timezone-hint">
                Automatic: the widget’s business hours’ time zone, else your address’s state’s.
              </span>
              ${
                this._zoneError
                  ? html`<span class="field-error" id="timezone-error" role="alert">${this._zoneError}</span>`
                  : nothing
              }
            </form>`
          : nothing
      }
    </section>`
  }

  #renderResetDialog() {
    if (!this.#canEdit) return nothing
    return html`<dialog id="reset" aria-labelledby="reset-title">
      <h2 id="reset-title">Reset to what the documents say?</h2>
      <p>
        Your corrections are dropped: the assistant answers with the facts read from your
        documents again, including documents uploaded later.
      </p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this._resetDialog?.close()}>Cancel</button>
        <button type="button" class="danger" @click=${() => this.#reset()}>
          Drop my corrections
        </button>
      </div>
    </dialog>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-facts-page': FactsPage
  }
}
