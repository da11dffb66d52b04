import type { Account, Analytics, QuestionStat } from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
import type { PortalApi } from '../api.ts'
import './parts/bar-chart.ts'
import { errorText } from '../ui/field-errors.ts'
import { formatDateTime, formatDay, formatPercent } from '../ui/format.ts'
import { pageStyles } from './parts/page-styles.ts'

type AnalyticsWithQuestions = Analytics

const PERIODS = [7, 30, 90] as const
type Period = (typeof PERIODS)[number]

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

/**
 * How the assistant is used: conversations and messages per day as charts, the answer cache's
 * hit rate, and which questions come up most and which went unanswered.
 */
@customElement('aa-analytics-page')
export class AnalyticsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .periods {
        display: inline-flex;
        gap: 0.25rem;
        margin-bottom: var(--_space);
      }
      .periods button[aria-pressed='true'] {
        background: var(--_accent);
        border-color: var(--_accent);
        color: var(--_on-accent);
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: var(--_space);
        margin: 0 0 var(--_space);
      }
      .stats div {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem var(--_space);
      }
      .stats dt {
        color: var(--_muted);
        font-size: 0.9rem;
      }
      .stats dd {
        margin: 0.2rem 0 0;
        font-size: 1.5rem;
        font-weight: 700;
      }
      .stats small {
        display: block;
        font-size: 0.8rem;
        font-weight: normal;
        color: var(--_muted);
      }
      .charts,
      .questions {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--_space);
      }
      .meter {
        height: 0.5rem;
        border-radius: 999px;
        background: var(--_accent);
        min-width: 2px;
        margin-top: 0.25rem;
      }
      .unanswered .meter {
        background: var(--_danger);
      }
      td.count {
        text-align: right;
        width: 4rem;
      }
      @media (max-width: 700px) {
        .charts,
        .questions {
          grid-template-columns: 1fr;
        }
        td.count {
          text-align: left;
        }
      }
    `,
  ]

  /** How the page reaches `/v1`. */
  @property({ attribute: false }) accessor api: PortalApi | undefined
  /** The signed-in member. */
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _days: Period = 30
  @state() accessor _data: AnalyticsWithQuestions | undefined
  @state() accessor _loading = false
  @state() accessor _error = ''

  /** Drops the answer of a period the member has already moved away from. */
  #request = 0

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('_days')) && this.api) void this.#load()
  }

  async #load(): Promise<void> {
    if (!this.api) return
    const request = ++this.#request
    this._loading = true
    this._error = ''
    try {
      const data = await this.api.request<AnalyticsWithQuestions>(
        'GET',
        `/analytics?days=${this._days}`,
      )
      if (request === this.#request) this._data = data
    } catch (err) {
      if (request === this.#request) this._error = errorText(err)
    } finally {
      if (request === this.#request) this._loading = false
    }
  }

  override render() {
    return html`
      <div class="periods" role="group" aria-label="Period">
        ${PERIODS.map(
          (d) => html`<button
            type="button"
            aria-pressed=${this._days === d ? 'true' : 'false'}
            @click=${() => {
              this._days = d
            }}
          >
            ${d} days
          </button>`,
        )}
      </div>
      <p class="muted status" aria-live="polite">
        ${this._loading ? 'Loading…' : this._data ? `${formatDay(this._data.from)} to ${formatDay(this._data.to)} (UTC)` : ''}
      </p>
      ${
        this._error
          ? html`<p class="error" role="alert">Could not load analytics: ${this._error}</p>
            <button type="button" @click=${() => this.#load()}>Try again</button>`
          : nothing
      }
      ${this._data ? this.#renderData(this._data) : nothing}
    `
  }

  #renderData(data: AnalyticsWithQuestions) {
    const labels = data.days.map((d) => formatDay(d.date))
    const conversations = data.days.map((d) => d.conversations)
    const visitor = data.days.map((d) => d.visitorMessages)
    const answers = data.days.map((d) => d.answers)
    const cache = data.answerCache
    const quiet = !sum(conversations) && !sum(visitor) && !sum(answers)
    return html`
      <dl class="stats">
        <div>
          <dt>Conversations</dt>
          <dd>${sum(conversations)}</dd>
        </div>
        <div>
          <dt>Visitor messages</dt>
          <dd>${sum(visitor)}</dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd>${sum(answers)}</dd>
        </div>
        <div>
          <dt>Answer cache hit rate</dt>
          <dd>
            ${cache.hitRate === null ? '—' : formatPercent(cache.hitRate)}
            <small>
              ${
                cache.hitRate === null
                  ? 'No opening questions answered yet'
                  : `${cache.cachedAnswers} of ${cache.openingAnswers} opening answers`
              }
            </small>
          </dd>
        </div>
      </dl>
      ${
        quiet
          ? html`<p class="muted">
            No activity in this period. Charts fill in once visitors chat with the widget.
          </p>`
          : nothing
      }
      <div class="charts">
        <section class="card">
          <aa-bar-chart
            caption="Conversations per day"
            .labels=${labels}
            .series=${[{ name: 'Conversations', color: 'var(--portal-accent, #1d4ed8)', values: conversations }]}
          ></aa-bar-chart>
        </section>
        <section class="card">
          <aa-bar-chart
            caption="Messages per day"
            .labels=${labels}
            .series=${[
              { name: 'Visitor messages', color: 'var(--portal-accent, #1d4ed8)', values: visitor },
              { name: 'Answers', color: '#0d9488', values: answers },
            ]}
          ></aa-bar-chart>
        </section>
      </div>
      <div class="questions">
        ${this.#renderQuestions(
          'Top questions',
          data.topQuestions,
          'No questions asked in this period.',
          '',
        )}
        ${this.#renderQuestions(
          'Unanswered questions',
          data.unansweredQuestions,
          'None: every question found an answer in your knowledge base.',
          'unanswered',
        )}
      </div>
    `
  }

  #renderQuestions(
    title: string,
    questions: QuestionStat[] | undefined,
    empty: string,
    cls: string,
  ) {
    const id = title.toLowerCase().replace(/\s+/g, '-')
    const max = Math.max(1, ...(questions ?? []).map((q) => q.count))
    return html`
      <section class="card ${cls}" aria-labelledby=${id}>
        <h2 id=${id}>${title}</h2>
        ${
          cls === 'unanswered' && questions?.length
            ? html`<p class="muted">
              Answers to these had no source in your documents: add one that covers them.
            </p>`
            : nothing
        }
        ${
          !questions
            ? html`<p class="muted">Not available from this server yet.</p>`
            : !questions.length
              ? html`<p class="muted">${empty}</p>`
              : html`<table class="reflow">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col" class="count">Asked</th>
                    <th scope="col">Last asked</th>
                  </tr>
                </thead>
                <tbody>
                  ${questions.map(
                    (q) => html`<tr>
                      <td data-label="Question">
                        ${q.question}
                        <div
                          class="meter"
                          aria-hidden="true"
                          style=${styleMap({ width: `${(q.count / max) * 100}%` })}
                        ></div>
                      </td>
                      <td data-label="Asked" class="count">${q.count}</td>
                      <td data-label="Last asked">${formatDateTime(q.lastAskedAt)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-analytics-page': AnalyticsPage
  }
}
