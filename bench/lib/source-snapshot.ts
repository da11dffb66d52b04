import { createHash } from 'node:crypto'
import { readdir, stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const WATCHED = [
  '../../packages/server/src/',
  '../../packages/server/migrations/',
  '../../packages/sdk/src/',
]

/**
 * A fingerprint of the server and SDK source (paths, sizes, modification times). The bench runs
 * that source directly, and each server child loads it when it starts; in a repository others
 * edit while the bench runs, comparing the fingerprint before and after says whether the figures
 * may mix two versions of the code.
 */
export async function sourceSnapshot(): Promise<{ fingerprint: string; newest: Date }> {
  const hash = createHash('sha256')
  let newest = 0
  for (const folder of WATCHED) {
    const dir = fileURLToPath(new URL(folder, import.meta.url))
    const files = (await readdir(dir, { recursive: true })).sort()
    for (const file of files) {
      const info = await stat(`${dir}${file}`).catch(() => null)
      if (!info?.isFile()) continue
      newest = Math.max(newest, info.mtimeMs)
      hash.update(`${folder}${file}:${info.size}:${info.mtimeMs}\n`)
    }
  }
  return { fingerprint: hash.digest('hex').slice(0, 16), newest: new Date(newest) }
}
