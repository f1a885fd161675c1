/** Party-organisation coverage: the share of chambers that have set up a party organisation. */
export function coverage(partyOrgChambers: number, chambers: number): number | null {
  return chambers > 0 ? partyOrgChambers / chambers : null
}

/** 140 / 446 → "31.4": one decimal, as the FIC reports it; null shows as a dash, never as 0. */
export function formatPercent(ratio: number | null, digits = 1): string {
  return ratio === null ? '—' : (ratio * 100).toFixed(digits)
}

/** Exact counts with thousands separators: 43255 → "43,255". */
export function formatCount(n: number | null | undefined): string {
  return n == null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 0 })
}
