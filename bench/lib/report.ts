/** A goal from the issue: `<=` for latencies and memory, `>=` for throughput. */
export interface Target {
  op: '<=' | '>='
  value: number
}

/** One measured figure beside its same-run baseline. `value: null` means the cell was skipped. */
export interface Figure {
  case: string
  metric: string
  unit: string
  value: number | null
  baseline: number | null
  /** When the baseline counts something else (echo ops/s beside turns/s). */
  baselineUnit?: string | undefined
  /** value ÷ baseline: how many times the baseline (slower, bigger, or a fraction of its rate). */
  ratio: number | null
  target?: Target | undefined
  met?: boolean | undefined
}

export interface SectionResult {
  name: string
  title: string
  /** What the baseline column measures. */
  baseline: string
  figures: Figure[]
  /** Context a reader needs: what was scaled down, what was skipped and why. */
  notes: string[]
  /** Extra numbers that are not figures (insert times, profile paths, sample counts). */
  details: Record<string, unknown>
}

/**
 * Builds a figure and decides whether it meets its target. A missing baseline or value leaves the
 * ratio empty rather than throwing, so one failed cell never hides the rest of the table.
 */
export function figure(
  fields: Omit<Figure, 'ratio' | 'met'> & { target?: Target | undefined },
): Figure {
  const { value, baseline, target } = fields
  const ratio = value !== null && baseline ? value / baseline : null
  const met =
    target && value !== null
      ? target.op === '<='
        ? value <= target.value
        : value >= target.value
      : undefined
  return { ...fields, ratio, met }
}

/** Numbers with as many decimals as their size deserves: 0.123, 4.56, 78.9, 1,234. */
export function formatNumber(n: number | null): string {
  if (n === null || Number.isNaN(n)) return '–'
  const abs = Math.abs(n)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

function formatRatio(ratio: number | null): string {
  if (ratio === null) return '–'
  return `${formatNumber(ratio)}×`
}

function formatTarget(f: Figure): string {
  if (!f.target) return ''
  const goal = `${f.target.op === '<=' ? '≤' : '≥'} ${formatNumber(f.target.value)} ${f.unit}`
  if (f.met === undefined) return `${goal}: not measured`
  return `${goal}: ${f.met ? 'met' : 'MISSED'}`
}

/** A plain monospace table; the first column is left-aligned, numbers right-aligned. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i < 2 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd()
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The section as printed to stdout: title, baseline description, the figures, then notes. */
export function renderSection(section: SectionResult): string {
  const rows = section.figures.map((f) => [
    f.case,
    f.metric,
    f.value === null ? 'skipped' : `${formatNumber(f.value)} ${f.unit}`,
    f.baseline === null ? '–' : `${formatNumber(f.baseline)} ${f.baselineUnit ?? f.unit}`,
    formatRatio(f.ratio),
    formatTarget(f),
  ])
  return [
    `\n## ${section.title}`,
    `baseline: ${section.baseline}`,
    '',
    renderTable(['case', 'metric', 'measured', 'baseline', 'ratio', 'target'], rows),
    ...section.notes.map((n) => `  · ${n}`),
  ].join('\n')
}
