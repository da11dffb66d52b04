import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite opens its data directory from one process only; a second opener would corrupt it. A pid
 * file (rather than an mtime-based lock) lets a restart right after a crash proceed at once,
 * because a dead pid is recognised immediately.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.pid`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' })
      return async () => {
        await rm(file, { force: true })
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(await readFile(file, 'utf8').catch(() => ''))
      // Our own pid too: this process already has the directory open.
      if (pid && isAlive(pid)) {
        throw new Error(
          `The data directory ${dataDir} is in use by process ${pid}. Stop that server first, or set DATABASE_URL to use PostgreSQL.`,
        )
      }
      await rm(file, { force: true })
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}.`)
}
