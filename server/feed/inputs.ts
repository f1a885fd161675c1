/**
 * What the feed is composed from: the store gathers it, the composer is a pure function of it.
 * Every list is the current state of its period (the latest import of that kind and period
 * that has not been withdrawn).
 */
import type { ImportKind } from '../../src/import-kinds.ts'
import type { ChamberRow, GroupRow, PartyRow, PlanRow, TotalRow } from '../imports/rows.ts'

/** The commit a section's figures came from: what `meta.sources` says of it. */
export interface ImportMeta {
  id: string
  kind: ImportKind
  period: string
  fileName: string
  sha256: string
  /** RFC 3339, when it was committed. */
  committedAt: string
  /** The source system it names. */
  system: string
  rows: number
}

/** A month's current imports, kind by kind; null where the month has none of that kind. */
export interface MonthState {
  month: string
  chambers: { meta: ImportMeta, rows: ChamberRow[] } | null
  party: { meta: ImportMeta, rows: PartyRow[] } | null
  plans: { meta: ImportMeta, rows: PlanRow[] } | null
  groups: { meta: ImportMeta, rows: GroupRow[] } | null
  totals: { meta: ImportMeta, rows: TotalRow[] } | null
}
