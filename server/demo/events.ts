/**
 * The 大事记 of the demo's 30 months: the yearly star ratings, the 会员数 口径 change (the month
 * the members line steps down), the first 两类五型 batch (domain.md: 2020-10, the 温州, 安徽,
 * 诸暨 and 天台 chambers) and why one month has no figures. Only dates inside the months shown.
 */
import type { DemoHistory } from './history.ts'
import type { Cell, Table } from './table.ts'
import { DEFINITION_CHANGE_BACK, MISSING_MONTH_BACK, SERIES_MONTHS } from '../../mock/series.ts'
import { eventKindNames, eventMetricNames } from '../../src/import-kinds.ts'
import { addMonths, monthWords } from './calendar.ts'
import { headersOf } from './table.ts'
import { brandYear } from './tables.ts'

interface DemoEvent {
  date: string
  kind: keyof typeof eventKindNames
  label: string
  metric?: keyof typeof eventMetricNames
}

export function demoEvents(today: string): DemoEvent[] {
  const last = today.slice(0, 7)
  const first = `${addMonths(last, -(SERIES_MONTHS - 1))}-01`
  const year = Number(today.slice(0, 4))
  const gap = addMonths(last, -MISSING_MONTH_BACK)
  const events: DemoEvent[] = [
    { date: `${addMonths(last, -DEFINITION_CHANGE_BACK)}-01`, kind: 'definition', label: '会员数口径调整：只计已缴会费的会员', metric: 'members' },
    { date: `${brandYear(2020, today)}-10-28`, kind: 'brand', label: '首批“两类五型”党建品牌项目授牌：温州、安徽、诸暨、天台商会党组织' },
    { date: `${addMonths(gap, 1)}-05`, kind: 'other', label: `数字工商联系统升级，${monthWords(gap)}数据未报送` },
  ]
  for (const y of [year - 2, year - 1, year])
    events.push({ date: `${y}-01-18`, kind: 'rating', label: `${y - 1}年度星级党组织评定` })
  return events
    .filter(e => e.date >= first && e.date < today)
    .sort((a, b) => a.date.localeCompare(b.date))
}

export function eventsTable(h: DemoHistory): Table {
  const rows: Cell[][] = demoEvents(h.today).map(e =>
    [{ date: e.date }, eventKindNames[e.kind], e.label, e.metric ? eventMetricNames[e.metric] : null])
  return { title: null, headers: headersOf('events', 4), rows }
}
