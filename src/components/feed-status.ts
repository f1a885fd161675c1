import type { Reason } from '~/feed/reasons.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { Freshness } from '~/time.ts'
import { formatDecimal } from '~/format/numbers.ts'
import { formatDateTime, formatDuration, formatTime } from '~/format/time.ts'
import { shanghaiDate } from '~/time.ts'
import { feedProblemsText } from './feed-problems.ts'

/**
 * What the header says about the feed, on the wall and on the staff pages alike. The lead words
 * come first and are never cut: 实时 only while the figures really are live; 数据已停止更新 when
 * they are not current; 无法获取数据 when the last fetch failed. Then when the figures are from,
 * with the date on any day but today, so a time never passes for today's when it is yesterday's.
 * The reason, and any doubt about the clocks, come after: they may be cut, the lead never.
 */
export interface FeedStatusView {
  tone: 'live' | 'stale' | 'waiting'
  /** The words a reader scans for: the status never rests on colour alone. */
  lead: string
  /** When the figures are from ("最后更新 16:19:30", "最后更新 2026-11-25 16:19"); null before any. */
  since: string | null
  /** Why, then the clocks' disagreement; null when there is nothing to say. */
  reason: string | null
  /** The lead and the time as one line: what the header shows first. */
  text: string
}

export interface FeedStatusInput {
  hasData: boolean
  stale: boolean
  silent: boolean
  lastSuccessAt: number | null
  error: { reason: Reason, since: number } | null
  freshness: Freshness
  clockConflictMs: number | null
  /** Today in Shanghai on the corrected clock: a time on any other day is given its date. */
  today: string
}

/** Why the feed failed, in the reader's words. */
export function reasonText(t: Translate, r: Reason): string {
  switch (r.code) {
    case 'tooLarge': return t('reason.tooLarge', { size: r.size, limit: r.limit })
    case 'notJson': return r.begins ? t('reason.notJson', { begins: r.begins }) : t('reason.notJsonEmpty')
    case 'timeout': return t('reason.timeout', { seconds: formatDecimal(r.seconds, { trim: true }) })
    case 'http': return t('reason.http', { status: r.status })
    case 'network': return t('reason.network')
    case 'cancelled': return t('reason.cancelled')
    case 'failed': return t('reason.failed', { error: r.error })
    case 'refused': return t('reason.refused', { detail: feedProblemsText(t, r.problems) })
    case 'workerTimeout': return t('reason.workerTimeout')
    case 'workerCrashed': return t('reason.workerCrashed')
  }
}

/**
 * A moment as the status line says it: the time today; the date and time on any other day
 * ("11-25 16:19"), with the year when it is not this year's, so it fits the header's line.
 */
function moment(ms: number, today: string): string {
  const day = shanghaiDate(ms)
  if (day === today)
    return formatTime(ms, { seconds: true })
  return formatDateTime(ms, { year: day.slice(0, 4) !== today.slice(0, 4) })
}

/** How old a snapshot is, in the unit that reads best: minutes, then hours, then days. */
function ageText(t: Translate, minutes: number): string {
  const ms = minutes * 60_000
  if (minutes < 120)
    return t('feed.oldMinutes', { n: formatDuration(ms, 'minute') })
  if (minutes < 48 * 60)
    return t('feed.oldHours', { n: formatDuration(ms, 'hour') })
  return t('feed.oldDays', { n: formatDuration(ms, 'day') })
}

/** What the header says about the feed: live, or not current and why, or still waiting. */
export function feedStatus(s: FeedStatusInput, t: Translate): FeedStatusView {
  const view = (tone: FeedStatusView['tone'], lead: string, since: string | null, ...why: (string | null)[]): FeedStatusView => {
    const reason = why.filter(Boolean).join(' · ') || null
    return { tone, lead, since, reason, text: since ? `${lead} · ${since}` : lead }
  }
  const failure = s.error ? reasonText(t, s.error.reason) : null
  if (!s.hasData)
    return failure ? view('stale', t('feed.failed'), null, failure) : view('waiting', t('feed.connecting'), null)
  // The clocks' disagreement is said whatever else is (the wall's own clock was not moved), last.
  const clock = s.clockConflictMs === null ? null : t('feed.clockConflict', { hours: formatDuration(Math.abs(s.clockConflictMs), 'hour', { rounding: 'nearest' }) })
  const f = s.freshness
  const dated = f.kind === 'old' || f.kind === 'future'
  // The figures are as old as their generatedAt once that is past the feed's allowed age, however
  // recently they were fetched: an outage reads 最后更新 at every stage, by the figures' own time.
  // One dated ahead of the clock is said as generated then, never as updated.
  const since = f.kind === 'future'
    ? t('feed.generated', { time: moment(f.generatedAt, s.today) })
    : t('feed.lastUpdate', { time: moment(f.kind === 'old' ? f.generatedAt : s.lastSuccessAt!, s.today) })
  const age = f.kind === 'old' ? ageText(t, f.minutes) : f.kind === 'future' ? t('feed.future') : null
  if (failure)
    return view('stale', t('feed.failed'), since, failure, age, clock)
  if (dated || s.stale)
    return view('stale', t('feed.stopped'), since, age ?? (s.silent ? t('feed.silent') : null), clock)
  return view('live', t('feed.live'), t('feed.updated', { time: moment(s.lastSuccessAt!, s.today) }), clock)
}
