/** Where a browser client keeps its visitor and conversation ids between page loads. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** The page's localStorage when there is one (it can throw in private modes), else nothing. */
export function defaultStorage(): KeyValueStorage | undefined {
  try {
    const storage = globalThis.localStorage
    const probe = '__avataradam__'
    storage.setItem(probe, probe)
    storage.removeItem(probe)
    return storage
  } catch {
    return undefined
  }
}
