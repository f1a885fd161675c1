/** Party-organisation coverage: the share of chambers that have set up a party organisation. */
export function coverage(partyOrgChambers: number, chambers: number): number | null {
  return chambers > 0 ? partyOrgChambers / chambers : null
}

/**
 * More party organisations than chambers cannot be true: such a ratio (500 of 446 = 112.1 %)
 * is marked and shown as 数据异常, never as a plain figure.
 */
export function implausibleShare(count: number, of: number): boolean {
  return count > of
}

/** 140 / 446 → "31.4": one decimal, as the FIC reports it; null shows as a dash, never as 0. */
export function formatPercent(ratio: number | null, digits = 1): string {
  return ratio === null ? '—' : (ratio * 100).toFixed(digits)
}

/** Exact counts with thousands separators: 43255 → "43,255". */
export function formatCount(n: number | null | undefined): string {
  return n == null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 0 })
}
