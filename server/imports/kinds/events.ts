/**
 * 大事记: the whole list of events (ratings, 口径 changes, brand awards) that explain a jump in a
 * series. An event is known by its day and its sentence; 指标 empty means it concerns them all.
 */
import type { EventRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { eventKindNames, eventMetricNames, kindSpecs } from '../../../src/import-kinds.ts'
import { at, date, headersOf, LABEL_MAX, oneOf, optional, readCells, required, text } from '../cells.ts'
import { noProblems } from './common.ts'

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  date: at('日期', required(date)),
  kind: at('类型', required(oneOf(eventKindNames, { ids: true }))),
  label: at('说明', required(text(LABEL_MAX))),
  metric: at('指标', optional(oneOf(eventMetricNames, { ids: true }))),
}

export const events: KindModule<EventRow> = {
  spec: kindSpecs.events,
  headers: headersOf(cells),
  keyColumn: '说明',
  key: r => `${r.date} ${r.label}`,
  parse: row => readCells(row, cells),
  // Events refer to nothing stored: any day, any series.
  check: () => noProblems(),
}
