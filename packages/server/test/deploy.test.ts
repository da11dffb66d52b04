/**
 * deploy/ names only what exists: every metric and label the Grafana dashboard and the alert
 * rules query is one a live server exports, every file the compose file mounts is there, and
 * the image build copies every workspace's manifest.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parser } from '@prometheus-io/lezer-promql'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import { connectVisitor, createTenant, startTestServer, visitorClient } from './support/server.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DEPLOY = path.join(ROOT, 'deploy')
const read = (file: string) => readFileSync(path.join(DEPLOY, file), 'utf8')

/** Labels Prometheus adds to every series it scrapes, and series it makes itself. */
const SCRAPE_LABELS = new Set(['job', 'instance'])
const PROMETHEUS_SERIES = new Map([['up', new Set<string>()]])

/** Metric name → the labels its series carry, read off a live server's /metrics. */
let exported: Map<string, Set<string>>

beforeAll(async () => {
  const server = await startTestServer()
  try {
    // An upload and a turn, so every labelled series has a sample to read its labels from.
    const tenant = await createTenant(server)
    await uploadAndWait(server, tenant.secret.key, 'hours.md', '# Hours\n\nOpen 9 to 5.')
    const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    await ask(visitor, 'Hello')
    visitor.close()
    const text = await (await fetch(`${server.url}/metrics`)).text()
    exported = new Map(PROMETHEUS_SERIES)
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line)
      if (type) {
        const [, name, kind] = type as unknown as [string, string, string]
        const names =
          kind === 'histogram'
            ? [`${name}_bucket`, `${name}_sum`, `${name}_count`]
            : kind === 'summary'
              ? [name, `${name}_sum`, `${name}_count`]
              : [name]
        for (const n of names) exported.set(n, new Set(kind === 'histogram' ? ['le'] : []))
        continue
      }
      const sample = /^([a-zA-Z_:][\w:]*)\{(.*)\} /.exec(line)
      if (sample) {
        for (const [, label] of sample[2]!.matchAll(/(\w+)="/g))
          exported.get(sample[1]!)?.add(label!)
      }
    }
  } finally {
    await server.stop()
  }
})

/** The metrics and matcher labels a PromQL expression uses; throws on a syntax error. */
function selectors(expr: string): { metric: string; labels: string[] }[] {
  const tree = parser.parse(expr)
  const found: { metric: string; labels: string[] }[] = []
  tree.iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`PromQL syntax error at ${node.from} in: ${expr}`)
      if (node.name !== 'VectorSelector') return
      const metric = node.node.getChild('Identifier')
      const labels: string[] = []
      node.node
        .getChild('LabelMatchers')
        ?.cursor()
        .iterate((m) => {
          if (m.name === 'LabelName') labels.push(expr.slice(m.from, m.to))
        })
      if (metric) found.push({ metric: expr.slice(metric.from, metric.to), labels })
    },
  })
  return found
}

function unknownNames(exprs: string[]): string[] {
  return exprs.flatMap((expr) =>
    selectors(expr).flatMap(({ metric, labels }) => {
      const known = exported.get(metric)
      if (!known) return [`${metric} (in ${expr})`]
      return labels
        .filter((l) => !known.has(l) && !SCRAPE_LABELS.has(l))
        .map((l) => `${metric}{${l}} (in ${expr})`)
    }),
  )
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(read('grafana/dashboards/avataradam.json'))
  const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
    p.targets.map((t) => t.expr),
  )

  it('queries only metrics and labels the server exports', () => {
    expect(exprs.length).toBeGreaterThan(10)
    expect(unknownNames(exprs)).toEqual([])
  })

  it('is provisioned from the folder compose mounts, on the provisioned data source', () => {
    const provider = parseYaml(read('grafana/provisioning/dashboards/avataradam.yml'))
    const source = parseYaml(read('grafana/provisioning/datasources/prometheus.yml'))
    const grafana = parseYaml(read('compose.yaml')).services.grafana
    expect(grafana.volumes).toContain(
      `./grafana/dashboards:${provider.providers[0].options.path}:ro`,
    )
    const uids = new Set(
      dashboard.panels.flatMap((p: { datasource: { uid: string } }) => p.datasource.uid),
    )
    expect([...uids]).toEqual([source.datasources[0].uid])
  })

  it('would catch a metric the server does not export (the check can fail)', () => {
    expect(unknownNames(['sum(rate(avataradam_made_up_total[5m]))'])).toHaveLength(1)
    expect(unknownNames(['sum(avataradam_turns_total{tenant="a"})'])).toHaveLength(1)
    expect(() => unknownNames(['sum(rate(avataradam_turns_total[5m]) /'])).toThrow(/syntax/)
  })
})

describe('the alert rules', () => {
  const rules: { alert: string; expr: string }[] = parseYaml(
    read('prometheus/alerts.yml'),
  ).groups.flatMap((g: { rules: unknown[] }) => g.rules)

  it('query only metrics and labels the server exports', () => {
    expect(unknownNames(rules.map((r) => r.expr))).toEqual([])
  })

  it('cover error rate, latency and the ingestion backlog', () => {
    const uses = (metric: string) => rules.some((r) => r.expr.includes(metric))
    expect(uses('avataradam_http_requests_total{status=~"5.."}')).toBe(true)
    expect(uses('avataradam_turns_total{outcome="error"}')).toBe(true)
    expect(uses('avataradam_turn_duration_seconds_bucket')).toBe(true)
    expect(uses('avataradam_ingestion_queue_depth')).toBe(true)
  })

  it('are loaded by Prometheus, which scrapes both serve instances', () => {
    const prometheus = parseYaml(read('prometheus/prometheus.yml'))
    const compose = parseYaml(read('compose.yaml'))
    expect(compose.services.prometheus.volumes).toContain(
      `./prometheus/alerts.yml:${prometheus.rule_files[0]}:ro`,
    )
    const targets: string[] = prometheus.scrape_configs[0].static_configs[0].targets
    const serves = Object.entries(compose.services)
      .filter(([, s]) => JSON.stringify((s as { command?: unknown }).command) === '["serve"]')
      .map(([name]) => `${name}:3000`)
    expect(serves.length).toBeGreaterThanOrEqual(2)
    expect(targets.sort()).toEqual(serves.sort())
  })
})

describe('the compose file and the image', () => {
  const compose = parseYaml(read('compose.yaml'))

  it('runs PostgreSQL with pgvector, Redis, two servers behind a proxy, a worker, Prometheus and Grafana', () => {
    const services = compose.services
    expect(services.postgres.image).toMatch(/pgvector/)
    expect(services.redis.image).toMatch(/^redis:/)
    expect(services.worker.command).toEqual(['worker'])
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['serve-1', 'serve-2', 'proxy', 'prometheus', 'grafana']),
    )
    const nginx = read('nginx.conf')
    expect(nginx).toContain('server serve-1:3000;')
    expect(nginx).toContain('server serve-2:3000;')
  })

  it('mounts only files that exist', () => {
    const mounts = Object.values(compose.services).flatMap((s) =>
      ((s as { volumes?: string[] }).volumes ?? []).filter((v) => v.startsWith('./')),
    )
    expect(mounts.length).toBeGreaterThan(3)
    for (const mount of mounts) {
      expect(existsSync(path.join(DEPLOY, mount.split(':')[0]!)), mount).toBe(true)
    }
  })

  it("copies every workspace's manifest before npm ci", () => {
    const dockerfile = read('Dockerfile')
    const rootManifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    const workspaces: string[] = rootManifest.workspaces.flatMap((w: string) =>
      w.endsWith('/*') ? readdir(w.slice(0, -2)).map((d) => `${w.slice(0, -2)}/${d}`) : [w],
    )
    for (const workspace of workspaces) {
      expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`)
    }
  })
})

function readdir(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, dir, d.name, 'package.json')))
    .map((d) => d.name)
}
