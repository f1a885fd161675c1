/** mulberry32: a tiny seeded PRNG, so every mock feed is reproducible from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Stateless hash of a few integers to [0, 1). Used where values must be computed
 * at random access (one individual on one day) without replaying a PRNG stream.
 */
export function hash01(...parts: number[]): number {
  let h = 0x811C9DC5
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193)
    h ^= h >>> 13
    h = Math.imul(h, 0x5BD1E995)
    h ^= h >>> 15
  }
  return (h >>> 0) / 4294967296
}

export type Rng = () => number

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Splits `total` into integer parts proportional to `weights`, each at least `min`,
 * summing exactly to `total` (largest remainder), so category sums stay exact.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const rest = total - min * weights.length
  if (rest < 0)
    throw new Error(`cannot apportion ${total} into ${weights.length} parts of at least ${min}`)
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map(w => (rest * w) / sum)
  const parts = exact.map(Math.floor)
  let left = rest - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0)
      break
    parts[i]!++
  }
  return parts.map(p => p + min)
}
