import type { Reason } from '~/feed/reasons.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { Freshness } from '~/time.ts'
import { formatCount, formatDecimal } from '~/format/numbers.ts'
import { formatDateTime, formatDuration, formatTime } from '~/format/time.ts'
import { feedProblemsText } from './feed-problems.ts'

export interface FeedStatusView {
  tone: 'live' | 'stale' | 'waiting'
  /** Words first: the status never rests on colour alone. */
  text: string
  reason: string | null
}

export interface FeedStatusInput {
  hasData: boolean
  stale: boolean
  silent: boolean
  lastSuccessAt: number | null
  error: { reason: Reason, since: number } | null
  freshness: Freshness
  clockConflictMs: number | null
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

/** What the header says about the feed: live, stale since when and why, or still waiting. */
export function feedStatus(s: FeedStatusInput, t: Translate): FeedStatusView {
  if (!s.hasData) {
    return s.error
      ? { tone: 'stale', text: t('feed.failed'), reason: reasonText(t, s.error.reason) }
      : { tone: 'waiting', text: t('feed.connecting'), reason: null }
  }
  const last = formatTime(s.lastSuccessAt, { seconds: true })
  // The clocks' disagreement is said whatever else is: the wall's own clock was not moved.
  const clock = s.clockConflictMs === null ? null : t('feed.clockConflict', { hours: formatDuration(Math.abs(s.clockConflictMs), 'hour', { rounding: 'nearest' }) })
  const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(' · ') || null
  const f = s.freshness
  if (f.kind === 'old' || f.kind === 'future') {
    const when = formatDateTime(f.generatedAt)
    return {
      tone: 'stale',
      text: f.kind === 'old' ? t('feed.old', { time: when, minutes: formatCount(f.minutes) }) : t('feed.future', { time: when }),
      reason: join(s.error ? reasonText(t, s.error.reason) : null, clock),
    }
  }
  if (s.stale)
    return { tone: 'stale', text: t('feed.stale', { time: last }), reason: join(s.error ? reasonText(t, s.error.reason) : s.silent ? t('feed.silent') : null, clock) }
  return { tone: 'live', text: t('feed.live', { time: last }), reason: clock }
}
