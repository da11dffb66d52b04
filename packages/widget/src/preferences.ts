const MUTED = 'avataradam:muted'

/** Whether the visitor muted the voice, remembered across pages (storage may be unavailable). */
export function loadMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(MUTED) === '1'
  } catch {
    return false
  }
}

export function saveMuted(muted: boolean): void {
  try {
    globalThis.localStorage?.setItem(MUTED, muted ? '1' : '0')
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
