/** The middle value: robust against the one run the machine was busy elsewhere. */
export function median(values: readonly number[]): number {
  if (values.length === 0)
    return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function max(values: readonly number[]): number {
  return values.length ? Math.max(...values) : Number.NaN
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
