/**
 * The fleet page 大屏状态, its pure parts: each state's words and marks, times said relative to
 * now, counts and filters, the alert banner, the week's strip, a wall's row, the words for what a
 * wall reports, the settings form and the page's own polling.
 */
import type { wallColumns, WallRow } from '~/staff/walls/rows.ts'
import type { WallEntry } from '~/walls.ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { setCurrentLocale } from '~/i18n/locale.ts'
import { ServiceProblem } from '~/service/problem.ts'
import { alertBanner, BANNER_NAMES, durationText, exactTime, filterWalls, relativeTime, shortBuild, sizePixels, stateChips, stateCounts, stateMark, stateTone, stateWord, uptimeText } from '~/staff/walls/fleet.ts'
import { sortValue, wallRow } from '~/staff/walls/rows.ts'
import { formOf, settingsOf } from '~/staff/walls/settings-form.ts'
import { stripDays, stripGradient, stripPaths, stripRuns } from '~/staff/walls/strip.ts'
import { REFRESH_MS, usePoll } from '~/staff/walls/use-poll.ts'
import { configLines, feedStateText, reasonText, screenNamer, settingsText } from '~/staff/walls/wall-words.ts'
import { sortRows } from '~/tables/table.ts'
import { wallViews } from '~/wall/registry.ts'
import { STRIP_HOURS, wallStates } from '~/walls.ts'
import { en, zh } from '../fixtures/words.ts'

const NOW = Date.parse('2026-05-18T06:30:00Z') // 14:30 in Shanghai, a Monday
const MIN = 60_000
const HOUR = 60 * MIN
const iso = (ms: number) => new Date(ms).toISOString()

function wall(over: Partial<WallEntry> = {}): WallEntry {
  return {
    screenId: 'lobby-1',
    name: '一楼大厅',
    place: '市工商联 1 楼',
    state: 'ok',
    since: null,
    alerting: false,
    lastSeenAt: iso(NOW - 2 * MIN),
    build: '08db93c863e0420d',
    screen: 'overview',
    generatedAt: iso(NOW - 5 * MIN),
    feedState: 'live',
    reason: null,
    size: '1920×1080@2',
    errors: 0,
    lastError: null,
    intervalSeconds: 60,
    uptimeSeconds: 3600,
    address: '10.0.0.7',
    week: { hours: 'u'.repeat(STRIP_HOURS), uptime: 1, staleHours: 0 },
    settings: null,
    ...over,
  }
}

const groups = new Map([['g1', { name: '第一片组' }]])
const context = { nowMs: NOW, t: zh, screenName: screenNamer(zh, groups), servedBuild: '08db93c863e0420d' }

describe('a wall\'s state', () => {
  it('has a word in both languages, a mark of its own and a tone: never a colour alone', () => {
    expect(wallStates.map(s => stateWord(s, zh))).toEqual(['待确认', '失联', '报错', '数据陈旧', '旧版本', '正常'])
    expect(wallStates.map(s => stateWord(s, en))).toEqual(['Pending', 'Lost', 'Error', 'Stale data', 'Old build', 'OK'])
    expect(new Set(wallStates.map(s => stateMark[s])).size).toBe(wallStates.length)
    expect(stateTone.ok).toBe('good')
    expect(stateTone.lost).toBe('bad')
  })
})

describe('times, as staff read them', () => {
  it('says how long ago, in whole units passed, and "just now" for a clock a little ahead', () => {
    expect(relativeTime(NOW - 2 * MIN - 59_000, NOW, zh)).toBe('2 分钟前')
    expect(relativeTime(NOW - 30_000, NOW, zh)).toBe('刚刚')
    expect(relativeTime(NOW + 20_000, NOW, zh)).toBe('刚刚')
    expect(relativeTime(NOW - 89 * MIN, NOW, zh)).toBe('89 分钟前')
    expect(relativeTime(NOW - 90 * MIN, NOW, zh)).toBe('1 小时前')
    expect(relativeTime(NOW - 47 * HOUR, NOW, zh)).toBe('47 小时前')
    expect(relativeTime(NOW - 49 * HOUR, NOW, zh)).toBe('2 天前')
    expect(relativeTime(null, NOW, zh)).toBe('从未')
    expect(relativeTime(NOW - MIN, NOW, en)).toBe('1 minute ago')
    expect(relativeTime(NOW - 3 * HOUR, NOW, en)).toBe('3 hours ago')
  })

  it('says a length of time the same way', () => {
    expect(durationText(25 * MIN, zh)).toBe('25 分钟')
    expect(durationText(10_000, zh)).toBe('不到 1 分钟')
    expect(durationText(26 * HOUR, en)).toBe('26 hours')
  })

  it('gives the exact time beside it, in Shanghai, with the year only when it is another', () => {
    expect(exactTime(NOW - 2 * MIN, NOW)).toBe('05-18 14:28')
    expect(exactTime(Date.parse('2025-12-31T15:00:00Z'), NOW)).toBe('2025-12-31 23:00')
    expect(exactTime(null, NOW)).toBeNull()
  })
})

describe('the counts and the filters', () => {
  const entries = [
    wall({ screenId: 'a', state: 'lost' }),
    wall({ screenId: 'b', state: 'ok', name: 'Lobby', place: '二楼' }),
    wall({ screenId: 'c', state: 'lost' }),
    wall({ screenId: 'd', state: 'pending', name: '' }),
    wall({ screenId: 'e', state: 'ok' }),
  ]

  it('counts each state, and the chips name the present ones worst first', () => {
    const counts = stateCounts(entries)
    expect(counts.total).toBe(5)
    expect(counts.byState).toEqual({ pending: 1, lost: 2, error: 0, stale: 0, oldBuild: 0, ok: 2 })
    expect(stateChips(entries, zh).map(c => c.text)).toEqual(['待确认 1', '失联 2', '正常 2'])
    expect(zh('walls.total', { n: counts.total })).toBe('共 5 台：')
  })

  it('finds walls by name, place or screenId, case-folded, within the chosen state', () => {
    const rows = entries.map(e => wallRow(e, context))
    const ids = (r: readonly WallRow[]) => r.map(x => x.entry.screenId)
    expect(ids(filterWalls(rows, '', null))).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(ids(filterWalls(rows, ' lobby ', null))).toEqual(['b'])
    expect(ids(filterWalls(rows, '二楼', null))).toEqual(['b'])
    expect(ids(filterWalls(rows, 'D', null))).toEqual(['d'])
    expect(ids(filterWalls(rows, '', 'lost'))).toEqual(['a', 'c'])
    expect(ids(filterWalls(rows, '大厅', 'ok'))).toEqual(['e'])
  })
})

describe('the banner', () => {
  it('is there only when a wall alerts', () => {
    expect(alertBanner([wall(), wall({ state: 'lost', since: iso(NOW - 5 * MIN) })], NOW, 10, zh)).toBeNull()
  })

  it('names each alerting wall with its state and for how long, the longest first', () => {
    const banner = alertBanner([
      wall({ screenId: 'x', name: '二楼会议室', state: 'stale', since: iso(NOW - 12 * MIN), alerting: true }),
      wall({ screenId: 'y', name: '一楼大厅', state: 'lost', since: iso(NOW - 25 * MIN), alerting: true }),
      wall({ screenId: 'z', state: 'ok' }),
    ], NOW, 10, zh)
    expect(banner?.lead).toBe('2 台大屏异常超过 10 分钟：')
    expect(banner?.walls).toEqual([
      { screenId: 'y', text: '一楼大厅（失联 25 分钟）' },
      { screenId: 'x', text: '二楼会议室（数据陈旧 12 分钟）' },
    ])
    expect(banner?.more).toBeNull()
  })

  it('names a few and counts the rest; a wall without a name by its screenId', () => {
    const many = Array.from({ length: BANNER_NAMES + 3 }, (_, i) => wall({ screenId: `w${i}`, name: i === 0 ? '' : `屏 ${i}`, state: 'lost', since: iso(NOW - (60 - i) * MIN), alerting: true }))
    const banner = alertBanner(many, NOW, 10, en)!
    expect(banner.lead).toBe('11 walls have had a problem for over 10 minutes: ')
    expect(banner.walls).toHaveLength(BANNER_NAMES)
    expect(banner.walls[0]!.text).toBe('w0 (Lost for 60 minutes)')
    expect(banner.more).toBe('and more, 11 in all')
  })
})

describe('the week\'s strip', () => {
  it('is runs of equal hours: one path a mark on a wall\'s page, one background in the list', () => {
    const runs = stripRuns(`${'n'.repeat(100)}${'u'.repeat(60)}ppss${'u'.repeat(4)}`)
    expect(runs).toEqual([
      { mark: 'n', from: 0, to: 100 },
      { mark: 'u', from: 100, to: 160 },
      { mark: 'p', from: 160, to: 162 },
      { mark: 's', from: 162, to: 164 },
      { mark: 'u', from: 164, to: 168 },
    ])
    expect(stripPaths(runs)).toEqual({
      n: 'M0 0h100v1h-100z',
      u: 'M100 0h60v1h-60zM164 0h4v1h-4z',
      p: 'M160 0h2v1h-2z',
      s: 'M162 0h2v1h-2z',
    })
    expect(stripGradient(runs)).toBe('linear-gradient(to right, var(--strip-n) 0px 100px, var(--strip-u) 100px 160px, '
      + 'var(--strip-p) 160px 162px, var(--strip-s) 162px 164px, var(--strip-u) 164px 168px)')
  })

  it('lays a short week against the right end, keeps a long one\'s latest hours, reads a strange mark as none', () => {
    expect(stripRuns('uu')).toEqual([{ mark: 'n', from: 0, to: 166 }, { mark: 'u', from: 166, to: 168 }])
    expect(stripRuns(`s${'u'.repeat(STRIP_HOURS)}`)).toEqual([{ mark: 'u', from: 0, to: 168 }])
    expect(stripRuns(`${'u'.repeat(STRIP_HOURS - 1)}x`).at(-1)).toEqual({ mark: 'n', from: 167, to: 168 })
    expect(stripRuns('<i>u'.padStart(STRIP_HOURS, 'u')).filter(r => r.mark !== 'u').map(r => r.mark)).toEqual(['n'])
    expect(stripGradient(stripRuns('u'.repeat(STRIP_HOURS)))).toBe('linear-gradient(to right, var(--strip-u) 0px 168px)')
  })

  it('marks each Shanghai midnight, and dates the days with room for it', () => {
    // The last hour is 14:00–15:00 on 05-18: the strip starts at 15:00 on 05-11.
    const days = stripDays(NOW)
    expect(days.midnights).toEqual([9, 33, 57, 81, 105, 129, 153])
    expect(days.labels.map(l => l.text)).toEqual(['05-11', '05-12', '05-13', '05-14', '05-15', '05-16', '05-17', '05-18'])
    expect(days.labels[0]).toEqual({ x: 4.5, text: '05-11' })
    // Two hours of a day are too few for its date.
    expect(stripDays(Date.parse('2026-05-18T17:30:00Z')).labels[0]!.text).toBe('05-12')
  })
})

describe('a wall\'s row', () => {
  it('works out every word once: times, build, screen, size, week', () => {
    const r = wallRow(wall({ week: { hours: 'u'.repeat(STRIP_HOURS), uptime: 0.9996, staleHours: 3 } }), context)
    expect(r.stateText).toBe('正常')
    expect(r.lastSeen).toBe('2 分钟前')
    expect(r.lastSeenExact).toBe('05-18 14:28')
    expect(r.dataAge).toBe('5 分钟前')
    expect(r.build).toBe('08db93c8…')
    expect(r.oldBuild).toBe(false)
    expect(r.screen).toBe('全市总览')
    expect(r.pixels).toBe(1920 * 1080)
    // Floored: a wall that missed a beat never reads 100.0 %.
    expect(r.week?.uptimeText).toBe('在线 99.9 %')
    expect(r.week?.label).toBe('近 7 天：在线 99.9 %，陈旧 3 小时')
    expect(r.stateFor).toBeNull()
  })

  it('marks an old build, says how long a lost wall has been lost, and has no week while pending', () => {
    expect(wallRow(wall({ build: 'aaaaaaaaaaaaaaaa' }), context).oldBuild).toBe(true)
    expect(wallRow(wall({ state: 'lost', since: iso(NOW - 25 * MIN) }), context).stateFor).toBe('25 分钟')
    const pending = wallRow(wall({ state: 'pending', name: '', week: null, generatedAt: null, size: null, lastSeenAt: null }), context)
    expect(pending.week).toBeNull()
    expect(pending.dataAge).toBeNull()
    expect(pending.pixels).toBeNull()
    expect(pending.lastSeen).toBe('从未')
  })

  it('sorts by any column, the walls without a value last', () => {
    const rows = [
      wall({ screenId: 'a', lastSeenAt: iso(NOW - MIN), size: null, state: 'ok' }),
      wall({ screenId: 'b', lastSeenAt: null, size: '3840×2160@1', state: 'pending' }),
      wall({ screenId: 'c', lastSeenAt: iso(NOW - HOUR), size: '1366×768@1', state: 'lost' }),
    ].map(e => wallRow(e, context))
    const by = (key: typeof wallColumns[number], dir: 'ascending' | 'descending' = 'ascending') => sortRows(rows, { value: sortValue[key] }, dir).map(r => r.entry.screenId)
    expect(by('lastSeen')).toEqual(['c', 'a', 'b'])
    expect(by('size', 'descending')).toEqual(['b', 'c', 'a'])
    expect(by('state')).toEqual(['b', 'c', 'a'])
  })

  it('keeps a short build whole and reads a size it cannot as none', () => {
    expect(shortBuild('dev')).toBe('dev')
    expect(sizePixels('huge')).toBeNull()
    expect(uptimeText(1.2, en)).toBe('Up 100.0 %')
  })
})

describe('what a wall reports, in words', () => {
  it('names its screen by title, with the feed\'s group names when it has them', () => {
    const name = screenNamer(zh, groups)
    expect(name('overview')).toBe('全市总览')
    expect(name('group:g1')).toBe('第一片组')
    expect(name('group:g9')).toBe('各片组 g9')
    expect(name('/groups/g1')).toBe('/groups/g1')
    expect(name('<b>x</b>')).toBe('<b>x</b>')
    expect(name(null)).toBeNull()
    expect(screenNamer(zh, undefined)('group:g1')).toBe('各片组 g1')
  })

  it('words why its figures are stale, and its feed\'s state; a code it cannot word stays visible', () => {
    expect(reasonText('timeout', zh)).toBe('数据源超时无响应')
    expect(reasonText('silent', zh)).toBe('连续三个轮询周期没有收到数据')
    expect(reasonText('network', en)).toBe('feed unreachable (network error)')
    expect(reasonText('teapot', zh)).toBe('其他原因（teapot）')
    expect(reasonText('toString', zh)).toBe('其他原因（toString）')
    expect(reasonText(null, zh)).toBeNull()
    expect(feedStateText('live', zh)).toBe('实时')
    expect(feedStateText('dreaming', zh)).toBe('dreaming')
  })

  it('says settings in a line, and `{}` as the wall\'s own', () => {
    expect(settingsText({ rotate: { enabled: true, dwellSeconds: 60, views: ['overview', 'groups'] }, theme: 'light', maskNames: false }, zh))
      .toBe('轮换：开启 · 每屏 60 秒 · 画面：全市总览、各片组 · 主题：浅色 · 姓名打码：关闭')
    expect(settingsText({}, zh)).toBe('无（使用大屏自己的 config.json）')
    expect(settingsText(null, en)).toBe('None (the wall\'s own config.json)')
  })

  it('gives the lines of config.json that carry the key, escaped as JSON', () => {
    expect(configLines('lobby-1', 'k3y_-')).toBe('"heartbeatUrl": "api/heartbeat",\n"screenId": "lobby-1",\n"heartbeatKey": "k3y_-"')
    expect(configLines('a"b\\c', 'k')).toContain('"screenId": "a\\"b\\\\c",')
  })
})

describe('a wall\'s settings form', () => {
  it('starts from what is stored, every field left to the wall where nothing is', () => {
    expect(formOf(null)).toEqual({ rotate: 'keep', dwell: '', views: [], theme: 'keep', mask: 'keep' })
    expect(formOf({ rotate: { enabled: false, dwellSeconds: 30, views: ['rankings', 'nope', 'overview'] }, theme: 'dark', maskNames: true }))
      .toEqual({ rotate: 'off', dwell: '30', views: ['overview', 'rankings'], theme: 'dark', mask: 'on' })
  })

  it('sends only the fields set, the screens in the wall\'s order', () => {
    expect(settingsOf(formOf(null), zh)).toEqual({ settings: {} })
    expect(settingsOf({ rotate: 'on', dwell: ' 45 ', views: ['rankings', 'overview'], theme: 'keep', mask: 'off' }, zh))
      .toEqual({ settings: { rotate: { enabled: true, dwellSeconds: 45, views: ['overview', 'rankings'] }, maskNames: false } })
    expect(settingsOf({ ...formOf(null), theme: 'light' }, zh)).toEqual({ settings: { theme: 'light' } })
    expect(wallViews.every(v => zh(`walls.view.${v}`) !== `walls.view.${v}`)).toBe(true)
  })

  it('refuses a dwell outside 5–3600 s or not whole, as the wall would clamp it', () => {
    for (const dwell of ['4', '3601', '7.5', 'abc'])
      expect(settingsOf({ ...formOf(null), dwell }, zh), dwell).toEqual({ problem: '每屏停留应为 5–3,600 之间的整数秒' })
    expect(settingsOf({ ...formOf(null), dwell: '3600' }, zh)).toEqual({ settings: { rotate: { dwellSeconds: 3600 } } })
  })
})

describe('the page\'s polling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    setCurrentLocale('zh-CN')
  })

  it('reads at once and every 15 s, never two at a time, and stops with the page', async () => {
    let calls = 0
    let release: (() => void) | null = null
    const read = vi.fn(() => new Promise<number>((resolve) => {
      calls += 1
      release = () => resolve(calls)
    }))
    const scope = effectScope()
    const poll = scope.run(() => usePoll(read))!
    expect(read).toHaveBeenCalledTimes(1)
    // A slow answer: the timer's next read waits for it rather than pile up.
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 2)
    expect(read).toHaveBeenCalledTimes(1)
    release!()
    await vi.advanceTimersByTimeAsync(0)
    expect(poll.data.value).toBe(1)
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(read).toHaveBeenCalledTimes(2)
    release!()
    await vi.advanceTimersByTimeAsync(0)
    scope.stop()
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3)
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('keeps the last answer when a read fails, and says why until one succeeds', async () => {
    const answers: (() => Promise<string>)[] = [
      () => Promise.resolve('first'),
      () => Promise.reject(new ServiceProblem(503, 'HTTP', '')),
      () => Promise.resolve('third'),
    ]
    const scope = effectScope()
    const poll = scope.run(() => usePoll(() => answers.shift()!()))!
    await vi.advanceTimersByTimeAsync(0)
    expect(poll.data.value).toBe('first')
    const firstAt = poll.at.value
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(poll.data.value).toBe('first')
    expect(poll.problem.value?.status).toBe(503)
    expect(poll.at.value).toBe(firstAt)
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(poll.data.value).toBe('third')
    expect(poll.problem.value).toBeNull()
    scope.stop()
  })

  it('after a change, reads again once the read under way is done: never an answer from before it', async () => {
    const resolvers: ((n: number) => void)[] = []
    const read = vi.fn(() => new Promise<number>(resolve => resolvers.push(resolve)))
    const scope = effectScope()
    const poll = scope.run(() => usePoll(read))!
    const a = poll.load()
    const b = poll.load()
    expect(read).toHaveBeenCalledTimes(1)
    resolvers[0]!(1)
    await vi.advanceTimersByTimeAsync(0)
    expect(read).toHaveBeenCalledTimes(2)
    resolvers[1]!(2)
    await Promise.all([a, b])
    expect(poll.data.value).toBe(2)
    scope.stop()
  })
})
