/**
 * Counts of hashed features in one text, as an open-addressing table reused from text to text:
 * a `Map` here dominated embedding time and garbage. Hashes must already be well mixed.
 *
 * @example
 * ```ts
 * const counts = new FeatureCounts()
 * counts.add(hashString('rav4', 1), 1)
 * counts.forEach((hash, weight, occurrences) => {})
 * counts.clear()
 * ```
 */
export class FeatureCounts {
  private keys = new Uint32Array(1024)
  private weights = new Float64Array(1024)
  private occurrences = new Uint32Array(1024)
  // A slot is in use when its stamp equals the current generation, so clear() is O(1).
  private stamps = new Uint32Array(1024)
  private generation = 1
  private used: number[] = []

  /** Counts one occurrence of a feature; `weight` is remembered from its first occurrence. */
  add(hash: number, weight: number): void {
    if (this.used.length * 2 >= this.keys.length) this.grow()
    const mask = this.keys.length - 1
    let slot = hash & mask
    while (this.stamps[slot] === this.generation) {
      if (this.keys[slot] === hash) {
        this.occurrences[slot]!++
        return
      }
      slot = (slot + 1) & mask
    }
    this.stamps[slot] = this.generation
    this.keys[slot] = hash
    this.weights[slot] = weight
    this.occurrences[slot] = 1
    this.used.push(slot)
  }

  forEach(visit: (hash: number, weight: number, occurrences: number) => void): void {
    for (const slot of this.used)
      visit(this.keys[slot]!, this.weights[slot]!, this.occurrences[slot]!)
  }

  clear(): void {
    this.used.length = 0
    this.generation++
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0)
      this.generation = 1
    }
  }

  private grow(): void {
    const entries = this.used.map((slot) => ({
      hash: this.keys[slot]!,
      weight: this.weights[slot]!,
      occurrences: this.occurrences[slot]!,
    }))
    const size = this.keys.length * 2
    this.keys = new Uint32Array(size)
    this.weights = new Float64Array(size)
    this.occurrences = new Uint32Array(size)
    this.stamps = new Uint32Array(size)
    this.generation = 1
    this.used = []
    for (const entry of entries) {
      this.add(entry.hash, entry.weight)
      this.occurrences[this.used.at(-1)!] = entry.occurrences
    }
  }
}
