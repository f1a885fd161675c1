import { describe, expect, it } from 'vitest'
import { feedStatus } from '~/components/feed-status.ts'
import { readClock } from '~/time.ts'
import { en, zh } from '../fixtures/words.ts'

const base = { hasData: true, stale: false, silent: false, lastSuccessAt: Date.parse('2026-11-26T08:19:30Z'), error: null, freshness: { kind: 'fresh' as const }, clockConflictMs: null }

describe('the feed status line', () => {
  it('says live with the time of the last update', () => {
    expect(feedStatus(base, zh)).toEqual({ tone: 'live', text: '实时 · 16:19:30 更新', reason: null })
  })
  it('says when an old feed was generated and how long ago, never live', () => {
    const s = feedStatus({ ...base, stale: true, freshness: { kind: 'old', generatedAt: Date.parse('2019-03-01T01:00:00Z'), minutes: 4_000_000 } }, zh)
    expect(s).toMatchObject({ tone: 'stale', text: '数据生成于 2019-03-01 09:00，已超过 4,000,000 分钟未更新' })
  })
  it('says a feed dated in the future cannot be confirmed as current', () => {
    const s = feedStatus({ ...base, stale: true, freshness: { kind: 'future', generatedAt: Date.parse('2099-01-01T00:00:00Z') } }, en)
    expect(s.tone).toBe('stale')
    expect(s.text).toContain('2099-01-01 08:00')
  })
  it('names a silent feed in the reader\'s language, and the clocks\' disagreement beside any state', () => {
    expect(feedStatus({ ...base, stale: true, silent: true }, zh).reason).toBe('连续三个轮询周期没有收到数据')
    expect(feedStatus({ ...base, clockConflictMs: 73 * 365 * 86_400_000 }, zh)).toMatchObject({ tone: 'live', reason: '服务器时钟与本机相差约 639,480 小时，未采用' })
  })
})

describe('reading the server clock', () => {
  const pc = Date.parse('2026-12-01T12:00:00Z')
  const day = 86_400_000
  it('trusts the PC within 30 s, and the server within a day', () => {
    expect(readClock(pc + 20_000, pc, null, 900_000)).toEqual({ skewMs: 0, conflictMs: null })
    expect(readClock(pc + 3_600_000, pc, null, 900_000)).toEqual({ skewMs: 3_600_000, conflictMs: null })
  })
  it('believes a header days off only when the feed\'s generatedAt says the same time', () => {
    const server = pc - 5 * day
    expect(readClock(server, pc, server - 60_000, 900_000)).toEqual({ skewMs: -5 * day, conflictMs: null })
    expect(readClock(server, pc, pc, 900_000)).toEqual({ skewMs: 0, conflictMs: -5 * day })
  })
  it('never believes a header a century off, confirmed or not', () => {
    const server = Date.parse('2100-01-01T00:00:00Z')
    expect(readClock(server, pc, server, 900_000).skewMs).toBe(0)
  })
})
