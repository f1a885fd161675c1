import type { FeedEvent, Series } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { findExtensionWarnings } from '~/feed/references.ts'
import { checkFeed } from '~/feed/validate.ts'
import { sinceFromSeries, sinceMonth, withSeriesSince } from '~/figures/oversight/since.ts'
import { defaultTargets } from '~/figures/oversight/targets.ts'
import { addDays, addMonths, changeOf, daysEnding, monthsEnding, monthValues, offSince, onAxis, seriesIndex, shareOnAxis } from '~/figures/series.ts'
import { trends } from '~/figures/trends.ts'
import { createMockFeed } from '../../mock/generate.ts'
import { smallFeed } from '../fixtures/feed.ts'

function monthly(metric: Series['metric'], points: [string, number][], scope: { group?: string, category?: string } = {}): Series {
  return { interval: 'month', metric: metric as 'members', ...scope, points: points.map(([month, value]) => ({ month, value })) }
}

describe('series arithmetic', () => {
  it('moves months and days across year ends and leap days', () => {
    expect(addMonths('2020-01', -1)).toBe('2019-12')
    expect(addMonths('2019-12', 13)).toBe('2021-01')
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29')
    expect(monthsEnding('2020-02', 3)).toEqual(['2019-12', '2020-01', '2020-02'])
    expect(daysEnding('2021-01-01', 2)).toEqual(['2020-12-31', '2021-01-01'])
  })

  it('puts a series on an axis with gaps as null, never zero', () => {
    const s = monthly('members', [['2020-09', 10], ['2020-11', 12]])
    expect(onAxis(s, ['2020-09', '2020-10', '2020-11', '2020-12'])).toEqual([10, null, 12, null])
    expect(onAxis(undefined, ['2020-09'])).toBeNull()
  })

  it('derives coverage from its two counts where the feed sends no coverage series', () => {
    const index = seriesIndex([
      monthly('chambers', [['2020-10', 440], ['2020-11', 446]]),
      monthly('partyOrgChambers', [['2020-10', 130], ['2020-11', 140]]),
    ])
    const [oct, nov] = shareOnAxis(index, 'coverage', 'city', ['2020-10', '2020-11'])!
    expect(oct).toBeCloseTo(130 / 440)
    expect(nov).toBeCloseTo(140 / 446)
    // The feed's own coverage series wins over the ratio.
    const own = seriesIndex([monthly('coverage', [['2020-11', 0.5]]), monthly('chambers', [['2020-11', 446]]), monthly('partyOrgChambers', [['2020-11', 140]])])
    expect(shareOnAxis(own, 'coverage', 'city', ['2020-11'])).toEqual([0.5])
  })

  it('uses the first series of a metric and scope, and names the repeat as a warning', () => {
    const list = [monthly('members', [['2020-11', 1]]), monthly('members', [['2020-11', 2]]), monthly('members', [['2020-11', 3]], { group: 'g1' })]
    const index = seriesIndex(list)
    expect(index.get('members')?.points[0]?.value).toBe(1)
    expect(index.get('members', 'group:g1')?.points[0]?.value).toBe(3)
    const warnings = findExtensionWarnings(list, undefined, [])
    expect(warnings).toMatchObject([{ kind: 'duplicate-id', detail: { list: 'series' }, examples: ['members@city'] }])
  })
})

describe('较上月 and 同比', () => {
  const values = new Map([['2019-11', 428], ['2020-10', 444]])
  const none: FeedEvent[] = []

  it('compares the reported figure with last month and the same month a year earlier', () => {
    expect(changeOf(values, 446, '2020-11', 'chambers', none)).toEqual({
      previousMonth: { month: '2020-10', was: 444, now: 446, by: 2, definitionChanged: false },
      yearAgo: { month: '2019-11', was: 428, now: 446, by: 18, definitionChanged: false },
    })
  })

  it('says nothing for a month the series does not have', () => {
    expect(changeOf(values, 446, '2020-12', 'chambers', none)).toEqual({ previousMonth: null, yearAgo: null })
    expect(changeOf(null, 446, '2020-12', 'chambers', none)).toBeNull()
  })

  it('marks a comparison across a 口径 change of the metric', () => {
    const events: FeedEvent[] = [{ date: '2020-03-01', kind: 'definition', label: '口径调整', metric: 'members' }]
    const c = changeOf(values, 446, '2020-11', 'members', events)!
    expect(c.yearAgo?.definitionChanged).toBe(true)
    expect(c.previousMonth?.definitionChanged).toBe(false)
    expect(changeOf(values, 446, '2020-11', 'chambers', events)!.yearAgo?.definitionChanged).toBe(false)
  })

  it('finds since when a share has been off target, across a gap, from the feed\'s own months', () => {
    const axis = ['2020-07', '2020-08', '2020-09', '2020-10', '2020-11']
    const off = (x: number) => x < 0.35
    expect(offSince(axis, [0.4, 0.33, null, 0.32, 0.31], off)).toBe('2020-08')
    expect(offSince(axis, [0.4, 0.33, null, 0.32, 0.36], off)).toBeNull()
    expect(offSince(axis, null, off)).toBeNull()
    expect(monthValues(['a', 'b'], [1, null])).toEqual(new Map([['a', 1]]))
  })
})

describe('series in the feed', () => {
  const withSeries = (series: unknown[], events: unknown[] = []) => ({ ...smallFeed(), series, events })
  const good = { interval: 'month', metric: 'members', points: [{ month: '2026-10', value: 90 }, { month: '2026-11', value: 100 }] }

  it('drops only the series that is out of order, repeats a month, is negative, implausible or in the future', () => {
    const bad = [
      { interval: 'month', metric: 'chambers', points: [{ month: '2026-11', value: 3 }, { month: '2026-10', value: 2 }] },
      { interval: 'month', metric: 'chambers', group: 'g1', points: [{ month: '2026-10', value: 3 }, { month: '2026-10', value: 2 }] },
      { interval: 'month', metric: 'partyOrgChambers', points: [{ month: '2026-10', value: -1 }] },
      { interval: 'month', metric: 'coverage', points: [{ month: '2026-10', value: 1.4 }] },
      { interval: 'month', metric: 'planFiling', points: [{ month: '2026-12', value: 0.5 }] },
      { interval: 'day', metric: 'studyPoints', points: [{ date: '2026-11-27', value: 5 }] },
      'not a series',
    ]
    const check = checkFeed(withSeries([good, ...bad]))
    const series = check.sections.series
    expect(series.ok).toBe(true)
    if (!series.ok)
      return
    expect(series.data).toEqual([good])
    expect(series.dropped?.map(d => [d.index, d.name.what, d.name.scope, d.problem.kind === 'invalid' ? d.problem.rule : d.problem.kind])).toEqual([
      [1, 'chambers', null, 'order'],
      [2, 'chambers', 'g1', 'order'],
      [3, 'partyOrgChambers', null, 'points'],
      [4, 'coverage', null, 'rate'],
      [5, 'planFiling', null, 'future'],
      [6, 'studyPoints', null, 'future'],
      [7, null, null, 'series'],
    ])
    // Each one is a data warning that names it; nothing else of the feed is touched.
    const warnings = findExtensionWarnings(series.data, undefined, series.dropped ?? [])
    expect(warnings.map(w => w.examples[0])).toEqual(['series[1]', 'series[2]', 'series[3]', 'series[4]', 'series[5]', 'series[6]', 'series[7]'])
    expect(check.sections.summary.ok && check.sections.chambers.ok).toBe(true)
  })

  it('names a series for a 片组 or a category the feed does not list; one for a listed one is fine', () => {
    const series = [
      { interval: 'month', metric: 'members', group: 'g1', points: [] },
      { interval: 'month', metric: 'members', group: 'g99', points: [] },
      { interval: 'month', metric: 'coverage', category: 'nowhere', points: [] },
    ] as unknown as NonNullable<Parameters<typeof findExtensionWarnings>[0]>
    const warnings = findExtensionWarnings(series, undefined, [], { groups: new Set(['g1']), categories: new Set(['industry']) })
    expect(warnings.map(w => [w.detail, w.examples[0]])).toEqual([
      [{ kind: 'unknown-scope', of: 'group', id: 'g99' }, 'series[1] members'],
      [{ kind: 'unknown-scope', of: 'category', id: 'nowhere' }, 'series[2] coverage'],
    ])
    // Before the lists have arrived nothing is judged.
    expect(findExtensionWarnings(series, undefined, [], { groups: undefined, categories: undefined })).toEqual([])
  })

  it('drops a series point or an event on a day the calendar does not have (2026-02-30), and names it', () => {
    const feed = smallFeed() as Record<string, any>
    feed.events = [
      { date: '2026-02-30', kind: 'other', label: '不存在的一天' },
      { date: '2026-02-28', kind: 'other', label: '存在的一天' },
    ]
    const check = checkFeed(feed)
    const events = check.sections.events
    expect(events.ok && events.data?.map(e => e.label)).toEqual(['存在的一天'])
    const warnings = findExtensionWarnings(undefined, undefined, events.ok ? events.dropped ?? [] : [])
    expect(warnings.map(w => w.examples[0])).toEqual(['events[0]'])
  })

  it('names the keys of meta.sources a record cannot hold (__proto__, constructor, prototype) as unknown sections, like any other', () => {
    const feed = smallFeed() as Record<string, any>
    // As JSON.parse makes them: own keys, not the prototype.
    feed.meta.sources = JSON.parse('{"summary":{"system":"数字工商联"},"__proto__":{"system":"x"},"constructor":{"system":"y"},"prototype":{"system":"z"}}')
    const check = checkFeed(feed)
    const sources = check.sections.sources
    expect(sources.ok && sources.data?.summary?.system).toBe('数字工商联')
    expect(Object.getPrototypeOf(sources.ok && sources.data)).not.toMatchObject({ system: 'x' })
    const warnings = findExtensionWarnings(undefined, sources.ok ? sources.data : undefined, sources.ok ? sources.dropped ?? [] : [])
    expect(warnings.map(w => [w.kind, w.detail.kind === 'unknown-source' && w.detail.section])).toEqual([
      ['unknown-source', '__proto__'],
      ['unknown-source', 'constructor'],
      ['unknown-source', 'prototype'],
    ])
  })

  it('reads meta.sources as its own section: a broken one never refuses the feed, an unknown section is a warning', () => {
    const feed = smallFeed() as Record<string, any>
    feed.meta.sources = { summary: { system: '数字工商联', asOf: '2026-11-26' }, chamberz: { system: 'x' } }
    const check = checkFeed(feed)
    expect(check.fatal).toBeNull()
    const sources = check.sections.sources
    expect(sources.ok && sources.data?.summary?.system).toBe('数字工商联')
    expect(findExtensionWarnings(undefined, sources.ok ? sources.data : undefined, [])).toMatchObject([{ kind: 'unknown-source', detail: { section: 'chamberz' } }])
    feed.meta.sources = { summary: { system: 3 } }
    const broken = checkFeed(feed)
    expect(broken.fatal).toBeNull()
    expect(broken.sections.sources.ok).toBe(false)
    expect(broken.sections.summary.ok).toBe(true)
  })

  it('is optional: a feed without series, events or sources passes as before', () => {
    const check = checkFeed(smallFeed())
    expect(check.sections.series).toEqual({ ok: true, data: undefined })
    expect(check.sections.events).toEqual({ ok: true, data: undefined })
    expect(check.sections.sources).toEqual({ ok: true, data: undefined })
  })
})

describe('the mock\'s story', () => {
  const startAt = new Date('2026-11-26T02:00:00Z')
  const doc = createMockFeed({ startAt }).snapshot(startAt)
  const check = checkFeed(JSON.parse(JSON.stringify(doc)))

  it('passes the contract whole: no series or event is dropped', () => {
    expect(check.sections.series.ok && check.sections.series.dropped).toBeUndefined()
    expect(check.sections.events.ok && check.sections.events.dropped).toBeUndefined()
    expect(check.sections.sources.ok).toBe(true)
    const series = check.sections.series.ok ? check.sections.series.data! : []
    expect(findExtensionWarnings(series, check.sections.sources.ok ? check.sections.sources.data : undefined, [])).toEqual([])
  })

  it('ends exactly at the real 2020 figures, over at least 24 months, with one month missing and one 口径 change', () => {
    const series = check.sections.series.ok ? check.sections.series.data! : []
    const t = trends({ series, events: check.sections.events.ok ? check.sections.events.data : [], summary: doc.summary, coverageNow: 140 / 446, groups: doc.districtGroups, categories: doc.categories, today: '2026-11-26' })
    expect(t.city.months).toHaveLength(24)
    expect(t.city.months.at(-1)).toBe('2026-11')
    expect(t.city.chambers?.at(-1)).toBe(446)
    expect(t.city.members?.at(-1)).toBe(43255)
    expect(t.city.partyOrgChambers?.at(-1)).toBe(140)
    expect(t.city.coverage?.at(-1)).toBeCloseTo(140 / 446)
    const index = seriesIndex(series)
    expect(index.get('members')!.points.length).toBeGreaterThanOrEqual(24)
    // One month has no snapshot at all: a gap in every monthly series, never a zero.
    const gaps = t.city.months.filter((_, i) => t.city.members![i] === null)
    expect(gaps).toHaveLength(1)
    expect(t.city.chambers![t.city.months.indexOf(gaps[0]!)]).toBeNull()
    expect(t.city.events.filter(e => e.kind === 'definition')).toHaveLength(1)
    expect(t.city.studyPoints).toHaveLength(30)
    expect(t.city.studyPoints!.filter(x => x === null).length).toBeGreaterThanOrEqual(1)
    // The 30 days end yesterday: today is still being counted.
    expect(t.city.days.at(-1)).toBe('2026-11-25')
    expect(t.headline?.chambers?.previousMonth?.now).toBe(446)
    expect(t.scopes.get('group:g1')?.coverage?.at(-1)).not.toBeNull()
    expect(t.scopes.get('category:industry')?.coverage?.at(-1)).toBeCloseTo(21 / 43)
  })
})

describe('since when, by the feed\'s own months', () => {
  const months = ['2020-08', '2020-09', '2020-10', '2020-11']
  const trends = {
    city: { months, coverage: [0.36, 0.33, null, 0.314], planFiling: [0.95, 0.96, 0.97, 0.98], days: [], events: [] },
    scopes: new Map([['group:g1', { coverage: [0.2, 0.2, 0.2, 0.2], planFiling: null, studyPerMember: null }], ['category:x', { coverage: [0.1, 0.1, 0.1, 0.1], planFiling: null, studyPerMember: null }]]),
    headline: null,
  } as any

  it('dates each off-target indicator from the first month of its current run, across a gap', () => {
    const marks = sinceFromSeries(trends, defaultTargets)
    expect(marks).toEqual({ 'coverage@city': Date.parse('2020-09-01T00:00:00+08:00'), 'coverage@g1': Date.parse('2020-08-01T00:00:00+08:00') })
    expect(sinceMonth(marks['coverage@city']!)).toBe('2020-09')
    expect(sinceMonth(Date.parse('2020-09-01T00:00:01+08:00'))).toBeNull()
  })

  it('wins over the wall\'s own mark for an indicator off now, and only then', () => {
    const off = (id: string, status: 'warn' | 'good') => ({ id, status }) as any
    const tracked = { 'coverage@city': 1_700_000_000_000, 'atRisk@city': 5 }
    const fromSeries = { 'coverage@city': 42, 'coverage@g1': 43 }
    expect(withSeriesSince(tracked, fromSeries, [off('coverage@city', 'warn'), off('coverage@g1', 'good'), off('atRisk@city', 'warn')]))
      .toEqual({ 'coverage@city': 42, 'atRisk@city': 5 })
    expect(withSeriesSince(tracked, {}, [off('coverage@city', 'warn')])).toBe(tracked)
  })
})

describe('a flood of bad series', () => {
  it('names the first twenty and counts the rest, so the warnings page stays readable', () => {
    const bad = Array.from({ length: 5000 }, () => ({ interval: 'month', metric: 'members', points: [{ month: 'x', value: 1 }] }))
    const check = checkFeed({ ...smallFeed(), series: bad })
    const series = check.sections.series
    expect(series.ok).toBe(true)
    if (!series.ok)
      return
    expect(series.data).toEqual([])
    expect(series.dropped).toHaveLength(21)
    expect(series.dropped?.at(-1)?.problem).toEqual({ kind: 'more', section: 'series', count: 4980 })
    expect(findExtensionWarnings(series.data, undefined, series.dropped ?? [])).toHaveLength(21)
  })
})
