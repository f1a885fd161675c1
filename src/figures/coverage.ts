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
