/**
 * Gzip sizes of the embed bundles other chat widgets publish to npm, fetched with `npm pack`
 * (the registry, not a CDN) and kept in node_modules/.cache so later runs work offline.
 */
import { execFile } from 'node:child_process'
import { mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

const run = promisify(execFile)
const cache = fileURLToPath(
  new URL('../../../node_modules/.cache/avataradam-size/', import.meta.url),
)

/** What each peer asks a site to load for its chat bubble, and what that file leaves out. */
export const PEERS = [
  { name: 'flowise-embed', file: 'dist/web.js', note: 'the whole embed, one file' },
  { name: '@typebot.io/js', file: 'dist/web.js', note: 'the whole embed, one file' },
  {
    name: '@botpress/webchat',
    file: 'dist/index.js',
    note: 'the React component library; React itself comes on top',
  },
] as const

export interface PeerSize {
  name: string
  version: string
  file: string
  note: string
  /** null when the package could not be fetched; `error` says why. */
  gzip: number | null
  error?: string
}

async function tarball(name: string): Promise<string> {
  await mkdir(cache, { recursive: true })
  const prefix = `${name.replace(/^@/, '').replace('/', '-')}-`
  const cached = (await readdir(cache)).filter((f) => f.startsWith(prefix) && f.endsWith('.tgz'))
  // `npm pack` names the file name-version.tgz; a cached one is reused (versions sort last-newest
  // only roughly, which is enough for a size report).
  if (cached.length > 0) return path.join(cache, cached.sort().at(-1)!)
  const { stdout } = await run('npm', ['pack', name, '--silent', '--pack-destination', cache], {
    timeout: 120_000,
  })
  return path.join(cache, stdout.trim().split('\n').at(-1)!)
}

/** Measures every peer; one that cannot be fetched is reported, not thrown. */
export async function peerSizes(): Promise<PeerSize[]> {
  const sizes: PeerSize[] = []
  for (const peer of PEERS) {
    try {
      const file = await tarball(peer.name)
      const { stdout } = await run('tar', ['-xzOf', file, `package/${peer.file}`], {
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
      })
      const version = path.basename(file, '.tgz').split('-').at(-1)!
      sizes.push({ ...peer, version, gzip: gzipSync(stdout, { level: 9 }).length })
    } catch (error) {
      sizes.push({ ...peer, version: '?', gzip: null, error: (error as Error).message })
    }
  }
  return sizes
}
