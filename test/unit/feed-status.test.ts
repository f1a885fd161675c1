import type { FeedStatusInput } from '~/components/feed-status.ts'
import type { Reason } from '~/feed/reasons.ts'
import { describe, expect, it } from 'vitest'
import { feedStatus, reasonText } from '~/components/feed-status.ts'
import { readClock } from '~/time.ts'
import { en, zh } from '../fixtures/words.ts'

// 16:19:30 in Hangzhou on 2026-11-26, the wall's today.
const at = (iso: string) => Date.parse(iso)
const last = at('2026-11-26T08:19:30Z')
const base: FeedStatusInput = { hasData: true, stale: false, silent: false, lastSuccessAt: last, error: null, freshness: { kind: 'fresh' }, clockConflictMs: null, today: '2026-11-26' }
const failing = (reason: Reason, since = last) => ({ ...base, stale: true, error: { reason, since } })
const reasons: Reason[] = [{ code: 'network' }, { code: 'http', status: 503 }, { code: 'timeout', seconds: 10 }, { code: 'notJson', begins: '<!DOCTYPE html>' }, { code: 'refused', problems: [{ kind: 'sectionMissing', section: 'summary' } as never] }, { code: 'tooLarge', size: '60 MB', limit: '50 MB' }, { code: 'workerCrashed' }]
const CONFLICT = 8 * 3_600_000

/** Each stage of an outage, from the first poll to days in, as the store would hand it over. */
const stages: Record<string, FeedStatusInput> = {
  'first fetch failed': { ...base, hasData: false, lastSuccessAt: null, stale: true, error: { reason: { code: 'network' }, since: last }, freshness: { kind: 'none' } },
  'stale for minutes, network error': failing({ code: 'network' }),
  'stale, HTTP 503': failing({ code: 'http', status: 503 }),
  'stale, refused': failing(reasons[4]!),
  'stale, timed out': failing({ code: 'timeout', seconds: 10 }),
  'silent': { ...base, stale: true, silent: true },
  'old generatedAt': { ...base, stale: true, freshness: { kind: 'old', generatedAt: at('2026-11-26T05:00:00Z'), minutes: 199 } },
  'future generatedAt': { ...base, stale: true, freshness: { kind: 'future', generatedAt: at('2099-01-01T00:00:00Z') } },
  'stale with a clock conflict': { ...failing({ code: 'network' }), clockConflictMs: CONFLICT },
  'silent with a clock conflict': { ...base, stale: true, silent: true, clockConflictMs: -CONFLICT },
  'hours in': { ...failing({ code: 'http', status: 502 }), today: '2026-11-26' },
  'a day in': { ...failing({ code: 'network' }), today: '2026-11-27' },
  'days in, silent': { ...base, stale: true, silent: true, today: '2026-11-30' },
  'old by days, failing too': { ...failing({ code: 'network' }), freshness: { kind: 'old', generatedAt: last, minutes: 3 * 24 * 60 + 5 }, today: '2026-11-29' },
}

describe('the feed status line', () => {
  it('says live with the time of the last update, and only then 实时', () => {
    expect(feedStatus(base, zh)).toEqual({ tone: 'live', lead: '实时', since: '16:19:30 更新', reason: null, text: '实时 · 16:19:30 更新' })
    expect(feedStatus(base, en)).toMatchObject({ tone: 'live', text: 'Live · updated 16:19:30' })
    for (const [stage, input] of Object.entries(stages)) {
      for (const t of [zh, en]) {
        const s = feedStatus(input, t)
        expect(s.tone, stage).toBe('stale')
        expect(`${s.text} ${s.reason}`, stage).not.toMatch(/实时|Live/)
      }
    }
  })

  it.each(Object.entries(stages))('%s: leads with 数据已停止更新 or 无法获取数据, in both languages alike', (_, input) => {
    const [zhs, ens] = [feedStatus(input, zh), feedStatus(input, en)]
    const pair = [zhs.lead, ens.lead]
    expect([['无法获取数据', 'Cannot get data'], ['数据已停止更新', 'Data stopped updating']]).toContainEqual(pair)
    // 无法获取数据 exactly when the last fetch failed, and then with its reason.
    expect(zhs.lead === '无法获取数据').toBe(input.error !== null)
    if (input.error)
      expect(zhs.reason!.startsWith(reasonText(zh, input.error.reason))).toBe(true)
    // The lead opens the line: the time follows it, the reason and any clock note after that.
    expect(zhs.text.startsWith(zhs.lead)).toBe(true)
    expect(ens.text.startsWith(ens.lead)).toBe(true)
  })

  it('names the reason of each failure after the lead, and the last good time', () => {
    for (const reason of reasons) {
      const s = feedStatus(failing(reason), zh)
      expect(s).toMatchObject({ tone: 'stale', lead: '无法获取数据', since: '最后更新 16:19:30', text: '无法获取数据 · 最后更新 16:19:30', reason: reasonText(zh, reason) })
      expect(feedStatus(failing(reason), en)).toMatchObject({ lead: 'Cannot get data', since: 'last update 16:19:30', reason: reasonText(en, reason) })
    }
    expect(feedStatus(stages['stale, HTTP 503']!, zh).reason).toBe('数据源返回 HTTP 503')
  })

  it('gives the date of a last update that is not today\'s, never a bare time that could be yesterday\'s', () => {
    expect(feedStatus(stages['a day in']!, zh).text).toBe('无法获取数据 · 最后更新 11-26 16:19')
    expect(feedStatus(stages['a day in']!, en).text).toBe('Cannot get data · last update 11-26 16:19')
    expect(feedStatus(stages['days in, silent']!, zh)).toMatchObject({ text: '数据已停止更新 · 最后更新 11-26 16:19', reason: '连续三个轮询周期没有收到数据' })
    // A year later, the year too.
    expect(feedStatus({ ...stages['days in, silent']!, today: '2027-01-02' }, zh).since).toBe('最后更新 2026-11-26 16:19')
    // Hours in, the same day: the time, to the second.
    expect(feedStatus(stages['hours in']!, zh).since).toBe('最后更新 16:19:30')
  })

  it('says an old snapshot stopped updating, last updated when it was generated, and how long ago in a fitting unit', () => {
    // Fetched at 16:19:30, but generated at 13:00: its figures are of 13:00.
    expect(feedStatus(stages['old generatedAt']!, zh)).toMatchObject({ tone: 'stale', text: '数据已停止更新 · 最后更新 13:00:00', reason: '已超过 3 小时未更新' })
    expect(feedStatus(stages['old generatedAt']!, en)).toMatchObject({ text: 'Data stopped updating · last update 13:00:00', reason: 'over 3 hours old' })
    const minutes = { ...base, stale: true, freshness: { kind: 'old' as const, generatedAt: at('2026-11-26T07:50:00Z'), minutes: 29 } }
    expect(feedStatus(minutes, zh).reason).toBe('已超过 29 分钟未更新')
    const ancient = { ...base, stale: true, freshness: { kind: 'old' as const, generatedAt: at('2019-03-01T01:00:00Z'), minutes: 4_000_000 } }
    expect(feedStatus(ancient, zh)).toMatchObject({ text: '数据已停止更新 · 最后更新 2019-03-01 09:00', reason: '已超过 2,777 天未更新' })
    expect(feedStatus(ancient, en).reason).toBe('over 2,777 days old')
    // Failing as well, as any outage is once its snapshot passes the allowed age: the failure
    // leads with the same 最后更新, its reason first, then how long.
    expect(feedStatus(stages['old by days, failing too']!, zh)).toMatchObject({ text: '无法获取数据 · 最后更新 11-26 16:19', reason: '无法连接数据源（网络错误） · 已超过 3 天未更新' })
    expect(feedStatus(stages['old by days, failing too']!, en)).toMatchObject({ text: 'Cannot get data · last update 11-26 16:19', reason: 'feed unreachable (network error) · over 3 days old' })
  })

  it('says a snapshot dated in the future cannot be confirmed as current', () => {
    expect(feedStatus(stages['future generatedAt']!, zh)).toMatchObject({ tone: 'stale', text: '数据已停止更新 · 数据生成于 2099-01-01 08:00', reason: '数据生成时间晚于当前时间，无法确认是否为最新' })
    expect(feedStatus(stages['future generatedAt']!, en).reason).toBe('generated later than now: cannot tell if it is current')
  })

  it('puts the clocks\' disagreement last, after the reason, never on the lead\'s line', () => {
    const s = feedStatus(stages['stale with a clock conflict']!, zh)
    expect(s).toMatchObject({ lead: '无法获取数据', text: '无法获取数据 · 最后更新 16:19:30', reason: '无法连接数据源（网络错误） · 服务器时钟与本机相差约 8 小时，未采用' })
    expect(feedStatus(stages['silent with a clock conflict']!, en).reason).toBe('no answer from the feed for three poll intervals · the server clock differs from this PC by about 8 hours; not used')
    expect(feedStatus({ ...base, clockConflictMs: 73 * 365 * 86_400_000 }, zh)).toMatchObject({ tone: 'live', text: '实时 · 16:19:30 更新', reason: '服务器时钟与本机相差约 639,480 小时，未采用' })
  })

  it('waits in words before the first answer, and says the first failure with its reason', () => {
    expect(feedStatus({ ...base, hasData: false, lastSuccessAt: null, freshness: { kind: 'none' } }, zh)).toEqual({ tone: 'waiting', lead: '正在连接数据源…', since: null, reason: null, text: '正在连接数据源…' })
    expect(feedStatus(stages['first fetch failed']!, zh)).toEqual({ tone: 'stale', lead: '无法获取数据', since: null, reason: '无法连接数据源（网络错误）', text: '无法获取数据' })
    expect(feedStatus(stages['first fetch failed']!, en)).toMatchObject({ lead: 'Cannot get data', reason: 'feed unreachable (network error)' })
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
