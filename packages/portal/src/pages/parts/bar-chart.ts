import { css, html, LitElement, nothing, svg } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'

export interface ChartSeries {
  name: string
  /** Any CSS colour; custom properties work. */
  color: string
  /** One value per label. */
  values: number[]
}

/** Drawn at the element's own width (so labels keep their size on a phone), else this. */
const DEFAULT_WIDTH = 640
const HEIGHT = 220
const PAD = { top: 10, right: 8, bottom: 26, left: 36 }
const TICKS = 4

/** The smallest round number (1, 2 or 5 × 10ⁿ per tick) at or above `max`. */
export function niceMax(max: number, ticks = TICKS): number {
  if (max <= 0) return ticks
  const raw = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  return Math.max(ticks, Math.ceil(step) * ticks)
}

/**
 * A stacked bar chart drawn as inline SVG (no chart library: a few KB instead of tens), with a
 * visually hidden table of the same numbers for screen readers.
 *
 * @example
 * ```html
 * <aa-bar-chart caption="Conversations per day" .labels=${days} .series=${[…]}></aa-bar-chart>
 * ```
 */
@customElement('aa-bar-chart')
export class BarChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font-weight: 600;
      margin-bottom: 0.4rem;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
      overflow: visible;
    }
    text {
      font-size: 11px;
      fill: var(--portal-muted, #4b5563);
    }
    .grid {
      stroke: var(--portal-border, #d1d5db);
      stroke-width: 1;
    }
    .legend {
      display: flex;
      gap: 1rem;
      flex-wrap: wrap;
      margin: 0.4rem 0 0;
      padding: 0;
      list-style: none;
      font-size: 0.9rem;
    }
    .swatch {
      display: inline-block;
      width: 0.8rem;
      height: 0.8rem;
      border-radius: 2px;
      margin-right: 0.3rem;
      vertical-align: -0.1rem;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `

  /** What the chart shows; also the caption of its table. */
  @property() accessor caption = ''
  /** The x-axis labels (days). */
  @property({ attribute: false }) accessor labels: string[] = []
  /** Stacked bottom-up, in this order. */
  @property({ attribute: false }) accessor series: ChartSeries[] = []

  @state() accessor _width = DEFAULT_WIDTH
  #resize = new ResizeObserver(([entry]) => {
    const width = Math.round(entry?.contentRect.width ?? 0)
    if (width > 0 && width !== this._width) this._width = Math.max(280, width)
  })

  override connectedCallback(): void {
    super.connectedCallback()
    this.#resize.observe(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#resize.disconnect()
  }

  override render() {
    const WIDTH = this._width
    const n = this.labels.length
    const totals = this.labels.map((_, i) =>
      this.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
    )
    const max = niceMax(Math.max(0, ...totals))
    const plotW = WIDTH - PAD.left - PAD.right
    const plotH = HEIGHT - PAD.top - PAD.bottom
    const slot = n ? plotW / n : plotW
    const barW = Math.max(1, slot * 0.7)
    const y = (v: number) => PAD.top + plotH - (v / max) * plotH
    // About one day label per 70 px, so they never overlap.
    const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 70))))
    const ticks = Array.from({ length: TICKS + 1 }, (_, i) => (max / TICKS) * i)

    return html`
      <figure>
        <figcaption aria-hidden="true">${this.caption}</figcaption>
        <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">
          ${ticks.map(
            (t) => svg`
              <line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(t)} y2=${y(t)}></line>
              <text x=${PAD.left - 6} y=${y(t) + 4} text-anchor="end">${formatTick(t)}</text>`,
          )}
          ${this.labels.map((label, i) => {
            const x = PAD.left + slot * i + (slot - barW) / 2
            let base = 0
            return svg`
              <g>
                <title>${label}: ${this.series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join(', ')}</title>
                ${this.series.map((s) => {
                  const v = s.values[i] ?? 0
                  const top = y(base + v)
                  const h = y(base) - top
                  base += v
                  return v
                    ? svg`<rect x=${x} y=${top} width=${barW} height=${h} fill=${s.color}></rect>`
                    : nothing
                })}
                ${
                  i % every === 0
                    ? svg`<text x=${x + barW / 2} y=${HEIGHT - 8} text-anchor="middle">${label}</text>`
                    : nothing
                }
              </g>`
          })}
        </svg>
        ${
          this.series.length > 1
            ? html`<ul class="legend" aria-hidden="true">
              ${this.series.map(
                (s) =>
                  html`<li><span class="swatch" style=${styleMap({ background: s.color })}></span>${s.name}</li>`,
              )}
            </ul>`
            : nothing
        }
        <table class="visually-hidden">
          <caption>${this.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              ${this.series.map((s) => html`<th scope="col">${s.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${this.labels.map(
              (label, i) => html`<tr>
                <th scope="row">${label}</th>
                ${this.series.map((s) => html`<td>${s.values[i] ?? 0}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </figure>
    `
  }
}

function formatTick(value: number): string {
  return value >= 1000 ? `${Math.round(value / 100) / 10}k` : String(Math.round(value))
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-bar-chart': BarChart
  }
}
