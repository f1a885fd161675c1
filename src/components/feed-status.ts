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
export function feedStatus(s: FeedStatusInput): FeedStatusView {
  if (!s.hasData) {
    return s.error
      ? { tone: 'stale', text: '无法获取数据', reason: s.error.reason }
      : { tone: 'waiting', text: '正在连接数据源…', reason: null }
  }
  const last = s.lastSuccessAt === null ? '' : shanghaiClock(s.lastSuccessAt)
  if (s.stale) {
    return {
      tone: 'stale',
      text: `数据已停止更新 · 最后更新 ${last}`,
      reason: s.error?.reason ?? 'no answer from the feed for three poll intervals',
    }
  }
  return { tone: 'live', text: `实时 · ${last} 更新`, reason: null }
}
