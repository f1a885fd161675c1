import type { Translate } from '~/i18n/translate.ts'
import { shanghaiClock } from '~/time.ts'

export interface FeedStatusView {
  tone: 'live' | 'stale' | 'waiting'
  /** Words first: the status never rests on colour alone. */
  text: string
  reason: string | null
}

export interface FeedStatusInput {
  hasData: boolean
  stale: boolean
  lastSuccessAt: number | null
  error: { reason: string, since: number } | null
}

/** What the header says about the feed: live, stale since when and why, or still waiting. */
export function feedStatus(s: FeedStatusInput, t: Translate): FeedStatusView {
  if (!s.hasData) {
    return s.error
      ? { tone: 'stale', text: t('feed.failed'), reason: s.error.reason }
      : { tone: 'waiting', text: t('feed.connecting'), reason: null }
  }
  const last = s.lastSuccessAt === null ? '' : shanghaiClock(s.lastSuccessAt)
  if (s.stale) {
    return {
      tone: 'stale',
      text: t('feed.stale', { time: last }),
      reason: s.error?.reason ?? 'no answer from the feed for three poll intervals',
    }
  }
  return { tone: 'live', text: t('feed.live', { time: last }), reason: null }
}
