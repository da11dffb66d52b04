import type {
  DaySchedule,
  DealershipFacts,
  DepartmentFacts,
  Weekday,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { field } from '../../ui/field.ts'
import { portalStyles } from '../../ui/styles.ts'
import '../../ui/error-banner.ts'
import {
  cleanFacts,
  type DayStatus,
  DEPARTMENTS,
  dayStatus,
  departmentLabel,
  HOLIDAY_NAMES,
  isDated,
  ordered,
  setAt,
  withStatus,
} from './facts-format.ts'
import { WEEKDAYS } from './settings-options.ts'

const STATUS_LABELS: Record<DayStatus, string> = {
  unknown: 'Not stated',
  open: 'Open',
  closed: 'Closed',
  appointment: 'By appointment',
}

/** A day's hours in at most this many periods (the server's limit). */
const MAX_PERIODS = 4

/**
 * The form that corrects a dealership's facts: the address and website, each department's hours
 * per day, phones, emails and address, staff rows and holidays. It edits its own copy of `facts`;
 * the page saves it and hands back the server's complaints as `errors`.
 *
 * @fires aa-save - detail: the corrected DealershipFacts, optional fields left empty dropped
 * @fires aa-cancel - the member gave up their changes
 */
@customElement('aa-facts-form')
export class FactsForm extends LitElement {
  static override styles = [
    portalStyles,
    css`
      fieldset {
        margin-bottom: var(--portal-space, 16px);
        display: grid;
        gap: 12px;
        min-width: 0;
      }
      fieldset fieldset {
        margin: 0;
      }
      legend {
        font-size: 1.05rem;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding: 0 0 6px;
      }
      td input:not([type='checkbox']),
      td select {
        min-width: 6.5rem;
      }
      .periods {
        display: grid;
        gap: 6px;
      }
      .period {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      .period input {
        flex: 1 1 7rem;
        width: auto;
      }
      .icon {
        min-width: 44px;
        padding: 8px;
      }
      .bar {
        position: sticky;
        bottom: 0;
        background: var(--portal-surface, #fff);
        border-top: 1px solid var(--portal-border, #d4d8de);
        padding: 12px 0;
        z-index: 1;
      }
    `,
  ]

  /** The facts to correct (the form edits a copy). */
  @property({ attribute: false }) accessor facts: DealershipFacts | undefined
  /** The server's complaints by path inside the facts, such as `staff.2.name`. */
  @property({ attribute: false }) accessor errors = new Map<string, string>()
  /** Why the last save failed, shown above the buttons. */
  @property() accessor saveError = ''
  @property({ type: Boolean }) accessor saving = false

  @state() accessor _draft: DealershipFacts | undefined
  @state() accessor _addDepartment = ''

  /** True while the copy differs from `facts`. */
  get unsavedChanges(): boolean {
    return !!this._draft && JSON.stringify(this._draft) !== JSON.stringify(this.facts)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('facts')) this._draft = this.facts && structuredClone(this.facts)
  }

  /** Focuses the first field the server complained about, else the error, else the first field. */
  async focusFirst(): Promise<void> {
    await this.updateComplete
    const root = this.renderRoot
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>(this.saveError ? '#save-error' : 'input, select')
    target?.focus()
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault()
    if (!this._draft) return
    this.dispatchEvent(
      new CustomEvent<DealershipFacts>('aa-save', { detail: cleanFacts(this._draft) }),
    )
  }

  #cancel(): void {
    this.dispatchEvent(new CustomEvent('aa-cancel'))
  }

  /** Every change makes a new draft object, so Lit sees it. */
  #edit(change: (draft: DealershipFacts) => void): void {
    if (!this._draft) return
    const next = structuredClone(this._draft)
    change(next)
    this._draft = next
  }

  /** Text fields carry their draft path as `name`: one listener keeps the draft in step. */
  #onInput(e: Event): void {
    const input = e.target as HTMLInputElement
    if (!input.name || input.type === 'checkbox') return
    // Emails are split as typed (trimmed when saved), so the field shows exactly what was typed.
    const value = input.name.endsWith('.emails') ? input.value.split(',') : input.value
    this.#edit((d) => setAt(d, input.name, value))
  }

  /** Changes a day's hours; its `text` (the documents' words, which answers quote) goes with them. */
  #editDay(i: number, day: Weekday, change: (schedule: DaySchedule) => DaySchedule | undefined) {
    this.#edit((d) => {
      const department = d.departments[i]
      if (!department) return
      const before = department.hours[day] ?? { intervals: [] }
      const { text: _text, ...rest } = before
      const next = change(structuredClone(rest))
      if (next) department.hours[day] = next
      else delete department.hours[day]
    })
  }

  /** The first server complaint about `path` or something inside it. */
  #error(path: string): string | undefined {
    for (const [key, message] of this.errors) {
      if (key === path || key.startsWith(`${path}.`)) return message
    }
    return undefined
  }

  override render() {
    const draft = this._draft
    if (!draft) return nothing
    const present = new Set(draft.departments.map((d) => d.department))
    const addable = DEPARTMENTS.filter((d) => !present.has(d))
    const toAdd = addable.includes(this._addDepartment) ? this._addDepartment : addable[0]
    return html`<form class="facts" novalidate aria-label="Correct the facts" @input=${this.#onInput} @submit=${this.#submit}>
      <p class="muted">
        Your corrections replace what the documents say, for every fact on this page. Days left
        “Not stated” are not answered.
      </p>
      <fieldset>
        <legend>Dealership</legend>
        ${field({ label: 'Address', name: 'address', value: draft.address ?? '', autocomplete: 'off', error: this.#error('address') })}
        ${field({
          label: 'Website',
          name: 'website',
          type: 'url',
          value: draft.website ?? '',
          hint: 'Starting with https://',
          error: this.#error('website'),
        })}
      </fieldset>
      ${ordered(draft.departments).map(([d, i]) => this.#renderDepartmentForm(d, i))}
      ${
        addable.length
          ? html`<div class="actions">
              <label for="add-department" class="inline">
                Add a department
                <select
                  id="add-department"
                  @change=${(e: Event) => {
                    this._addDepartment = (e.target as HTMLSelectElement).value
                  }}
                >
                  ${addable.map((d) => html`<option value=${d} ?selected=${d === toAdd}>${departmentLabel(d)}</option>`)}
                </select>
              </label>
              <button
                type="button"
                @click=${() =>
                  toAdd &&
                  this.#edit((f) => {
                    f.departments.push({ department: toAdd, hours: {}, phones: [], emails: [] })
                  })}
              >
                Add
              </button>
            </div>`
          : nothing
      }
      ${this.#renderStaffForm(draft)} ${this.#renderHolidaysForm(draft)}
      <div class="bar">
        <aa-error-banner .message=${this.saveError ? `Not saved: ${this.saveError}` : ''} id="save-error" tabindex="-1"></aa-error-banner>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.saving}>
            ${this.saving ? 'Saving…' : 'Save corrections'}
          </button>
          <button type="button" ?disabled=${this.saving} @click=${this.#cancel}>
            Cancel
          </button>
          <span class="muted">${this.unsavedChanges ? 'Unsaved changes' : ''}</span>
        </div>
      </div>
    </form>`
  }

  #renderDepartmentForm(d: DepartmentFacts, i: number) {
    const name = departmentLabel(d.department)
    const path = `departments.${i}`
    const emailsError = this.#error(`${path}.emails`)
    return html`<fieldset>
      <legend>${name}</legend>
      <table class="reflow">
        <caption>
          ${name} hours
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Status</th>
            <th scope="col">Hours</th>
          </tr>
        </thead>
        <tbody>
          ${WEEKDAYS.map(({ day, label }) => this.#renderDayForm(d, i, day, `${name} ${label}`, label))}
        </tbody>
      </table>
      <fieldset>
        <legend>${name} phones</legend>
        ${d.phones.map(
          (p, j) => html`<div class="period">
            <input
              name=${`${path}.phones.${j}.number`}
              type="tel"
              maxlength="40"
              .value=${p.number}
              aria-label=${`${name} phone ${j + 1}`}
              aria-invalid=${this.#error(`${path}.phones.${j}.number`) ? 'true' : 'false'}
            />
            <input
              name=${`${path}.phones.${j}.label`}
              maxlength="60"
              placeholder="Label, such as Text us"
              .value=${p.label ?? ''}
              aria-label=${`${name} phone ${j + 1} label`}
            />
            <button
              type="button"
              class="icon danger"
              aria-label=${`Remove ${name} phone ${j + 1}`}
              @click=${() => this.#edit((f) => f.departments[i]?.phones.splice(j, 1))}
            >
              ✕
            </button>
            ${
              this.#error(`${path}.phones.${j}`)
                ? html`<span class="field-error">${this.#error(`${path}.phones.${j}`)}</span>`
                : nothing
            }
          </div>`,
        )}
        <div>
          <button
            type="button"
            ?disabled=${d.phones.length >= 10}
            @click=${() => this.#edit((f) => f.departments[i]?.phones.push({ number: '' }))}
          >
            Add a phone number
          </button>
        </div>
      </fieldset>
      ${field({
        label: `${name} emails`,
        name: `${path}.emails`,
        value: d.emails.join(','),
        hint: 'Separate several with commas.',
        error: emailsError,
      })}
      ${field({
        label: `${name} address`,
        name: `${path}.address`,
        value: d.address ?? '',
        hint: 'Only when it is not at the dealership’s address, such as a collision center.',
        error: this.#error(`${path}.address`),
      })}
      <div>
        <button
          type="button"
          class="danger"
          @click=${() => this.#edit((f) => f.departments.splice(i, 1))}
        >
          Remove ${name}
        </button>
      </div>
    </fieldset>`
  }

  #renderDayForm(d: DepartmentFacts, i: number, day: Weekday, label: string, dayLabel: string) {
    const schedule = d.hours[day]
    const status = dayStatus(schedule)
    const path = `departments.${i}.hours.${day}`
    const error = this.#error(path)
    const errorId = `${d.department}-${day}-error`
    const describedBy = error ? errorId : nothing
    return html`<tr>
      <th scope="row" data-label="Day">${dayLabel}</th>
      <td data-label="Status">
        <select
          aria-label=${label}
          aria-describedby=${describedBy}
          @change=${(e: Event) => {
            const next = (e.target as HTMLSelectElement).value as DayStatus
            this.#editDay(i, day, (s) => withStatus(s, next))
          }}
        >
          ${(Object.keys(STATUS_LABELS) as DayStatus[]).map(
            (s) => html`<option value=${s} ?selected=${s === status}>${STATUS_LABELS[s]}</option>`,
          )}
        </select>
      </td>
      <td data-label="Hours">
        <div class="periods">
          ${
            status === 'open'
              ? schedule!.intervals.map((period, j) => {
                  const suffix = j === 0 ? '' : `, period ${j + 1}`
                  const invalid = this.#error(`${path}.intervals.${j}`) ? 'true' : 'false'
                  const set = (key: 'open' | 'close') => (e: Event) =>
                    this.#editDay(i, day, (s) => {
                      const target = s.intervals[j]
                      if (target) target[key] = (e.target as HTMLInputElement).value
                      return s
                    })
                  return html`<div class="period">
                    <input
                      type="time"
                      .value=${period.open}
                      aria-label=${`${label} opens${suffix}`}
                      aria-invalid=${invalid}
                      aria-describedby=${describedBy}
                      @input=${set('open')}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      type="time"
                      .value=${period.close}
                      aria-label=${`${label} closes${suffix}`}
                      aria-invalid=${invalid}
                      aria-describedby=${describedBy}
                      @input=${set('close')}
                    />
                    ${
                      j > 0
                        ? html`<button
                            type="button"
                            class="icon danger"
                            aria-label=${`Remove ${label}${suffix}`}
                            @click=${() =>
                              this.#editDay(i, day, (s) => {
                                s.intervals.splice(j, 1)
                                return s
                              })}
                          >
                            ✕
                          </button>`
                        : nothing
                    }
                  </div>`
                })
              : nothing
          }
          ${
            status === 'open' && schedule!.intervals.length < MAX_PERIODS
              ? html`<div>
                  <button
                    type="button"
                    class="link"
                    @click=${() =>
                      this.#editDay(i, day, (s) => {
                        const last = s.intervals.at(-1)?.close ?? '12:00'
                        s.intervals.push({ open: last, close: last < '18:00' ? '18:00' : '24:00' })
                        return s
                      })}
                  >
                    Add more hours<span class="visually-hidden"> to ${label}</span>
                  </button>
                </div>`
              : nothing
          }
          ${error ? html`<span class="field-error" id=${errorId}>${error}</span>` : nothing}
        </div>
      </td>
    </tr>`
  }

  #renderStaffForm(draft: DealershipFacts) {
    const columns = [
      ['name', 'Name'],
      ['title', 'Title'],
      ['department', 'Department'],
      ['extension', 'Extension'],
      ['phone', 'Phone'],
      ['email', 'Email'],
    ] as const
    return html`<fieldset>
      <legend>Staff</legend>
      ${
        draft.staff.length
          ? html`<table class="reflow">
              <thead>
                <tr>
                  ${columns.map(([, label]) => html`<th scope="col">${label}</th>`)}
                  <th scope="col"><span class="visually-hidden">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                ${draft.staff.map(
                  (s, i) => html`<tr>
                    ${columns.map(([key, label]) => {
                      const error = this.#error(`staff.${i}.${key}`)
                      return html`<td data-label=${label}>
                        <input
                          name=${`staff.${i}.${key}`}
                          type=${key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
                          .value=${s[key] ?? ''}
                          aria-label=${`Staff member ${i + 1}: ${label.toLowerCase()}`}
                          aria-invalid=${error ? 'true' : 'false'}
                          aria-describedby=${error ? `staff-${i}-${key}-error` : nothing}
                        />
                        ${error ? html`<span class="field-error" id=${`staff-${i}-${key}-error`}>${error}</span>` : nothing}
                      </td>`
                    })}
                    <td data-label="Remove">
                      <button
                        type="button"
                        class="icon danger"
                        aria-label=${`Remove staff member ${i + 1}${s.name ? ` (${s.name})` : ''}`}
                        @click=${() => this.#edit((f) => f.staff.splice(i, 1))}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">No staff.</p>`
      }
      <div>
        <button
          type="button"
          @click=${async () => {
            this.#edit((f) => f.staff.push({ name: '' }))
            await this.updateComplete
            this.renderRoot
              .querySelector<HTMLInputElement>(`[name="staff.${draft.staff.length}.name"]`)
              ?.focus()
          }}
        >
          Add a staff member
        </button>
      </div>
    </fieldset>`
  }

  #renderHolidaysForm(draft: DealershipFacts) {
    const unused = Object.keys(HOLIDAY_NAMES).find(
      (k) => !draft.holidays.some((h) => h.holiday === k),
    )
    return html`<fieldset>
      <legend>Holidays</legend>
      ${
        draft.holidays.length
          ? html`<table class="reflow">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Name</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Hours when open</th>
                  <th scope="col"><span class="visually-hidden">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                ${draft.holidays.map((h, i) => this.#renderHolidayRow(h, i))}
              </tbody>
            </table>`
          : html`<p class="muted">No holidays.</p>`
      }
      <div>
        <button
          type="button"
          @click=${() =>
            this.#edit((f) =>
              f.holidays.push(
                unused
                  ? { holiday: unused, name: HOLIDAY_NAMES[unused]!, closed: true }
                  : { holiday: '', name: '', closed: true },
              ),
            )}
        >
          Add a holiday
        </button>
      </div>
    </fieldset>`
  }

  #renderHolidayRow(h: DealershipFacts['holidays'][number], i: number) {
    const dated = isDated(h.holiday)
    const label = `Holiday ${i + 1}`
    const whenError = this.#error(`holidays.${i}.holiday`)
    const nameError = this.#error(`holidays.${i}.name`)
    const hoursError = this.#error(`holidays.${i}.text`)
    return html`<tr>
      <td data-label="When">
        <select
          aria-label=${`${label}: when`}
          @change=${(e: Event) => {
            const key = (e.target as HTMLSelectElement).value
            this.#edit((f) => {
              const holiday = f.holidays[i]
              if (!holiday) return
              holiday.holiday = key === 'date' ? '' : key
              if (key !== 'date') holiday.name = HOLIDAY_NAMES[key] ?? holiday.name
            })
          }}
        >
          ${Object.entries(HOLIDAY_NAMES).map(
            ([key, name]) =>
              html`<option value=${key} ?selected=${key === h.holiday}>${name}</option>`,
          )}
          <option value="date" ?selected=${dated}>A date…</option>
        </select>
        ${
          dated
            ? html`<input
                type="date"
                name=${`holidays.${i}.holiday`}
                .value=${h.holiday}
                aria-label=${`${label}: date`}
                aria-invalid=${whenError ? 'true' : 'false'}
              />`
            : nothing
        }
        ${whenError ? html`<span class="field-error">${whenError}</span>` : nothing}
      </td>
      <td data-label="Name">
        <input
          name=${`holidays.${i}.name`}
          maxlength="80"
          .value=${h.name}
          aria-label=${`${label}: name`}
          aria-invalid=${nameError ? 'true' : 'false'}
        />
        ${nameError ? html`<span class="field-error">${nameError}</span>` : nothing}
      </td>
      <td data-label="Closed">
        <input
          type="checkbox"
          .checked=${h.closed}
          aria-label=${`${label}: closed all day`}
          @change=${(e: Event) =>
            this.#edit((f) => {
              const holiday = f.holidays[i]
              if (holiday) holiday.closed = (e.target as HTMLInputElement).checked
            })}
        />
      </td>
      <td data-label="Hours when open">
        ${
          h.closed
            ? html`<span class="muted">Closed</span>`
            : html`<input
                name=${`holidays.${i}.text`}
                maxlength="80"
                placeholder="9:00 AM – 3:00 PM"
                .value=${h.text ?? ''}
                aria-label=${`${label}: hours`}
                aria-invalid=${hoursError ? 'true' : 'false'}
              />
              ${hoursError ? html`<span class="field-error">${hoursError}</span>` : nothing}`
        }
      </td>
      <td data-label="Remove">
        <button
          type="button"
          class="icon danger"
          aria-label=${`Remove ${label}${h.name ? ` (${h.name})` : ''}`}
          @click=${() => this.#edit((f) => f.holidays.splice(i, 1))}
        >
          ✕
        </button>
      </td>
    </tr>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-facts-form': FactsForm
  }
}
