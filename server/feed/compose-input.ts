/**
 * What the feed is composed from, whole: the store gathers it (store/feed-input.ts), the
 * composer is a pure function of it (compose.ts).
 */
import type { BrandRow, EventRow, StudyRow } from '../imports/rows.ts'
import type { StudyDaySummary } from '../imports/study-summary.ts'
import type { ImportMeta, MonthState } from './inputs.ts'
import type { MonthFigures } from './month-figures.ts'

export interface ComposeInput {
  /** The latest month with a roster (商会名册), in full; null while nothing is stored. */
  latest: MonthState | null
  /** Every stored month's figures, ascending (see month-figures.ts). */
  months: MonthFigures[]
  /** The latest study day, in full. */
  study: { meta: ImportMeta, date: string, rows: StudyRow[] } | null
  /** The last 30 stored study days' summaries, ascending. */
  studyDays: StudyDaySummary[]
  /** The latest year's 两类五型. */
  brands: { meta: ImportMeta, year: string, rows: BrandRow[] } | null
  events: { meta: ImportMeta, rows: EventRow[] } | null
  /** True while the demo world is loaded: the feed says `meta.demo: true`. */
  demo: boolean
}
