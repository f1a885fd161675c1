/**
 * Gathers what the feed is composed from (feed/inputs.ts): the latest month in full, every
 * month's kept figures, the latest study day and the last 30 days' sums, the year's brands and
 * the events. A handful of queries, whatever the number of months stored.
 */
import type { Kysely } from 'kysely'
import type { ComposeInput } from '../feed/compose-input.ts'
import type { MonthFigures } from '../feed/month-figures.ts'
import type { BrandRow, EventRow, StudyRow } from '../imports/rows.ts'
import type { StudyDaySummary } from '../imports/study-summary.ts'
import type { Database } from './schema.ts'
import { currentImport, currentImports, dataOrigin, latestPeriod, metaOf, rowsOf } from './imports.ts'
import { monthState } from './months.ts'

export const STUDY_DAYS = 30

/**
 * `asOf` (a month end, `YYYY-MM-DD`): what the feed was at that day, from what is stored now —
 * its latest roster month, the months up to it, the study days up to it, the brands of its year
 * and the events dated by it. A correction imported later for an earlier month is included: the
 * figures are today's best knowledge of that day.
 */
export async function composeInput(db: Kysely<Database>, asOf?: string): Promise<ComposeInput> {
  const upToMonth = asOf?.slice(0, 7)
  const month = await latestPeriod(db, 'chambers', upToMonth)
  let months = db.selectFrom('month_figures').select(['figures']).orderBy('month')
  if (upToMonth !== undefined)
    months = months.where('month', '<=', upToMonth)
  const days = await currentImports(db, 'study', STUDY_DAYS, asOf)
  const lastDay = days.at(-1)
  const year = await latestPeriod(db, 'brands', asOf?.slice(0, 4))
  const brands = year === null ? null : await currentImport(db, 'brands', year)
  const events = await currentImport(db, 'events', '')
  const eventRows = events ? (await rowsOf<EventRow>(db, events.id)).filter(e => asOf === undefined || e.date <= asOf) : []
  return {
    latest: month === null ? null : await monthState(db, month),
    months: (await months.execute()).map(m => m.figures as MonthFigures),
    study: lastDay ? { meta: metaOf(lastDay), date: lastDay.period, rows: await rowsOf<StudyRow>(db, lastDay.id) } : null,
    studyDays: days.map(d => d.summary as StudyDaySummary),
    brands: brands && year ? { meta: metaOf(brands), year, rows: await rowsOf<BrandRow>(db, brands.id) } : null,
    events: events ? { meta: metaOf(events), rows: eventRows } : null,
    demo: await dataOrigin(db) === 'demo',
  }
}
