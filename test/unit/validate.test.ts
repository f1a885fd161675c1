import type { Translate } from '~/i18n/translate.ts'
import { describe, expect, it } from 'vitest'
import { feedProblemsText, feedProblemText } from '~/components/feed-problems.ts'
import { MAX_EVENTS } from '~/feed/schema.ts'
import { FSI, PDI } from '~/feed/text.ts'
import { checkFeed, overBoundOf } from '~/feed/validate.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { en, zh } from '../fixtures/words.ts'

/** A section's problems as the reader sees them (English unless told). */
function problemsOf(input: unknown, section: keyof ReturnType<typeof checkFeed>['sections'], t: Translate = en) {
  const r = checkFeed(input).sections[section]
  return r.ok ? [] : r.problems.map(p => feedProblemText(t, p))
}

function refusal(input: unknown, t: Translate = en): string | null {
  const { fatal } = checkFeed(input)
  return fatal && feedProblemsText(t, fatal)
}

describe('checkFeed', () => {
  it('accepts a valid feed, every section', () => {
    const check = checkFeed(smallFeed())
    expect(check.fatal).toBeNull()
    for (const [name, r] of Object.entries(check.sections))
      expect(r.ok, name).toBe(true)
    expect(check.envelope?.meta?.demo).toBe(true)
  })

  it('names the exact path, the expectation and the value', () => {
    const feed = smallFeed()
    feed.study.individuals[2]!.pointsToday = -3
    expect(problemsOf(feed, 'study')).toEqual(['study.individuals[2].pointsToday: expected a non-negative number, got -3'])
  })

  it('keeps the other sections when one is broken', () => {
    const feed = smallFeed() as Record<string, unknown>
    feed.study = { date: 'yesterday', branches: [], individuals: [] }
    const check = checkFeed(feed)
    expect(check.sections.study.ok).toBe(false)
    expect(check.sections.chambers.ok).toBe(true)
    expect(check.sections.summary.ok).toBe(true)
    expect(problemsOf(feed, 'study')).toEqual(['study.date: expected a date YYYY-MM-DD, got "yesterday"'])
  })

  it.each([
    ['a fractional count', (f: any) => { f.summary.memberCount = 1.5 }, 'summary', 'summary.memberCount: expected a non-negative whole number, got 1.5'],
    ['a negative count', (f: any) => { f.chambers[1].memberCount = -1 }, 'chambers', 'chambers[1].memberCount: expected a non-negative whole number, got -1'],
    ['a count as text', (f: any) => { f.summary.chamberCount = '446' }, 'summary', 'summary.chamberCount: expected a non-negative whole number, got "446"'],
    ['a count past any believable figure', (f: any) => { f.summary.memberCount = 2 ** 53 + 2 }, 'summary', 'summary.memberCount: expected at most 100,000,000, got 9007199254740994'],
    ['points that would make sums overflow', (f: any) => { f.study.individuals[0].pointsToday = 1e308 }, 'study', 'study.individuals[0].pointsToday: expected at most 1,000,000,000, got 1e+308'],
    ['a missing field', (f: any) => { delete f.chambers[0].name }, 'chambers', 'chambers[0].name: required but missing'],
    ['an empty name', (f: any) => { f.categories[0].name = '' }, 'categories', 'categories[0].name: expected a non-empty name, got ""'],
    ['an unknown party organisation type', (f: any) => { f.chambers[0].partyOrg.type = 'cell' }, 'chambers', 'chambers[0].partyOrg.type: expected one of "committee" | "general-branch" | "branch" | "joint-branch", got "cell"'],
    ['six stars', (f: any) => { f.chambers[0].partyOrg.stars = 6 }, 'chambers', 'chambers[0].partyOrg.stars: expected 1 to 5 stars, got 6'],
    ['a score over 100', (f: any) => { f.brandProjects[0].score = 101 }, 'brandProjects', 'brandProjects[0].score: expected a score from 0 to 100, got 101'],
    ['an impossible date', (f: any) => { f.summary.asOf = '2020-13-45' }, 'summary', 'summary.asOf: expected a date YYYY-MM-DD, got "2020-13-45"'],
    ['a time without offset', (f: any) => { f.study.updatedAt = '2026-11-26T16:19:30' }, 'study', 'study.updatedAt: expected a time like 2026-11-26T16:20:00+08:00, got "2026-11-26T16:19:30"'],
    ['a list that is an object', (f: any) => { f.chambers = {} }, 'chambers', 'chambers: expected a list, got an object'],
    ['a section that is text', (f: any) => { f.summary = 'oops' }, 'summary', 'summary: expected an object, got "oops"'],
    ['a missing required section', (f: any) => { delete f.districtGroups }, 'districtGroups', 'districtGroups: missing from the feed'],
  ])('rejects %s with a readable message', (_, breakIt, section, message) => {
    const feed = smallFeed()
    breakIt(feed)
    expect(problemsOf(feed, section as 'summary')).toEqual([message])
  })

  it('refuses a document in which no required section is usable: a failed poll, not a live feed', () => {
    expect(refusal({ schemaVersion: 1, generatedAt: '2026-11-26T16:20:00+08:00', summary: 'oops', chambers: {} }))
      .toBe('no required section is usable (summary: expected an object, got "oops"; '
        + 'categories: missing from the feed; districtGroups: missing from the feed; chambers: expected a list, got an object; study: missing from the feed)')
  })

  it('accepts a feed without the optional sections and fields', () => {
    const feed = smallFeed() as Record<string, any>
    delete feed.history
    delete feed.brandProjects
    delete feed.meta
    delete feed.chambers[0].partyOrg.stars
    delete feed.chambers[0].district
    const check = checkFeed(feed)
    expect(check.sections.history).toEqual({ ok: true, data: undefined })
    expect(check.sections.brandProjects).toEqual({ ok: true, data: undefined })
    expect(check.sections.chambers.ok).toBe(true)
  })

  it('accepts unknown extra fields (the contract allows optional extensions)', () => {
    const feed = smallFeed() as Record<string, any>
    feed.summary.newIndicator = 7
    feed.extraSection = { x: 1 }
    expect(checkFeed(feed).sections.summary.ok).toBe(true)
  })

  it('caps a flood of problems and says how many more', () => {
    const feed = smallFeed()
    feed.study.individuals = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, name: '某', chamberId: 'c1', pointsToday: -1, pointsTotal: 0 }))
    const problems = problemsOf(feed, 'study')
    expect(problems).toHaveLength(9)
    expect(problems.at(-1)).toBe('study: and 42 more problems')
  })

  it.each([
    ['not an object', [1, 2], 'expected a JSON object, got a list of 2'],
    ['null', null, 'expected a JSON object, got null'],
    ['another schema version', { ...smallFeed(), schemaVersion: 2 }, 'schemaVersion 2 is not supported; this cockpit reads version 1'],
    ['no schema version', { summary: {} }, 'schemaVersion nothing is not supported; this cockpit reads version 1'],
    ['a bad generatedAt', { ...smallFeed(), generatedAt: 'now' }, 'feed.generatedAt: expected a time like 2026-11-26T16:20:00+08:00, got "now"'],
  ])('refuses a document that is %s, with the reason', (_, input, reason) => {
    const check = checkFeed(input)
    expect(refusal(input)).toBe(reason)
    expect(check.sections.summary.ok).toBe(false)
  })

  it('says every problem in Chinese on a Chinese wall, the field paths as code', () => {
    const feed = smallFeed() as Record<string, any>
    feed.study.individuals[2].pointsToday = -3
    feed.chambers[0].partyOrg.type = 'cell'
    delete feed.categories[0].name
    feed.summary.memberCount = 2 ** 53
    feed.history = {}
    expect(problemsOf(feed, 'study', zh)).toEqual(['study.individuals[2].pointsToday：应为非负数，实为-3'])
    expect(problemsOf(feed, 'chambers', zh)).toEqual(['chambers[0].partyOrg.type：应为下列之一："committee" | "general-branch" | "branch" | "joint-branch"，实为"cell"'])
    expect(problemsOf(feed, 'categories', zh)).toEqual(['categories[0].name：缺少此项'])
    expect(problemsOf(feed, 'summary', zh)).toEqual(['summary.memberCount：应为不超过 100,000,000 的整数，实为9007199254740992'])
    expect(problemsOf(feed, 'history', zh)).toEqual(['history：应为列表，实为对象'])
    expect(refusal({ ...smallFeed(), schemaVersion: 2 }, zh)).toBe('不支持 schemaVersion 2，本驾驶舱读取第 1 版')
    expect(refusal('<html>', zh)).toBe('数据应为 JSON 对象，实为"<html>"')
  })

  it('keeps hostile strings as plain data (rendering escapes them)', () => {
    const feed = smallFeed()
    feed.chambers[0]!.name = '<img src=x onerror=alert(1)>'
    const r = checkFeed(feed).sections.chambers
    expect(r.ok && r.data?.[0]?.name).toBe('<img src=x onerror=alert(1)>')
  })
})

describe('numbers read at the boundary', () => {
  it('read -0 as 0, so it is never shown as "-0"', () => {
    const feed = smallFeed() as any
    feed.summary.partyOrgChamberCount = -0
    feed.study.individuals[0].pointsToday = -0
    const check = checkFeed(JSON.parse(JSON.stringify(feed).replace('"partyOrgChamberCount":0', '"partyOrgChamberCount":-0')))
    const summary = check.sections.summary
    expect(summary.ok && Object.is(summary.data?.partyOrgChamberCount, 0)).toBe(true)
    const study = check.sections.study
    expect(study.ok && Object.is(study.data?.individuals[0]?.pointsToday, 0)).toBe(true)
  })
})

describe('the feed\'s extensions held like its core', () => {
  /** n 口径 changes, one a day from 2000-01-01 on, all for members. */
  function definitionEvents(n: number) {
    return Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), kind: 'definition', label: `口径调整 ${i}`, metric: 'members' }))
  }

  it('keeps the latest MAX_EVENTS events by date, in the feed\'s order, and names the rest as one item', () => {
    const feed = smallFeed() as Record<string, any>
    // Latest first in the feed: what is kept keeps that order.
    feed.events = definitionEvents(10_000).reverse()
    const events = checkFeed(feed).sections.events
    expect(events.ok).toBe(true)
    if (!events.ok)
      return
    expect(events.data).toHaveLength(MAX_EVENTS)
    expect(events.data![0]!.label).toBe('口径调整 9999')
    expect(events.data!.at(-1)!.label).toBe(`口径调整 ${10_000 - MAX_EVENTS}`)
    expect(events.dropped).toHaveLength(1)
    expect(overBoundOf(events.dropped![0]!)).toEqual({ sent: 10_000 })
    expect(events.dropped![0]!.index).toBe(MAX_EVENTS)
  })

  it('keeps every event up to the bound, and counts only valid ones toward it', () => {
    const feed = smallFeed() as Record<string, any>
    feed.events = [...definitionEvents(MAX_EVENTS), { date: '2026-02-30', kind: 'other', label: 'no such day' }]
    const events = checkFeed(feed).sections.events
    expect(events.ok && events.data).toHaveLength(MAX_EVENTS)
    expect(events.ok && events.dropped?.map(d => overBoundOf(d))).toEqual([null])
  })

  it('sets a string with bidi controls apart, without them, in every section that has words', () => {
    const rlo = '\u202E'
    const feed = smallFeed() as Record<string, any>
    feed.meta.org = `工商联${rlo}`
    feed.meta.sources = { summary: { system: `数字${rlo}工商联`, asOf: '2020-12-31' }, study: { system: '学习强国' } }
    feed.events = [{ date: '2020-10-01', kind: 'other', label: `品牌${rlo}项目` }]
    feed.chambers[0].name = `温州${rlo}商会`
    feed.study.individuals[0].name = `张${rlo}伟`
    const check = checkFeed(feed)
    const data = <K extends keyof typeof check.sections>(k: K) => {
      const s = check.sections[k]
      return s.ok ? s.data : undefined
    }
    expect(check.envelope?.meta?.org).toBe(`${FSI}工商联${PDI}`)
    expect(data('sources')?.summary?.system).toBe(`${FSI}数字工商联${PDI}`)
    expect(data('sources')?.study?.system).toBe('学习强国')
    expect(data('events')?.[0]?.label).toBe(`${FSI}品牌项目${PDI}`)
    expect(data('chambers')?.[0]?.name).toBe(`${FSI}温州商会${PDI}`)
    expect(data('study')?.individuals[0]?.name).toBe(`${FSI}张伟${PDI}`)
    // Untouched where there was nothing to isolate: the same objects, not copies.
    const plain = smallFeed()
    const again = checkFeed(plain).sections.chambers
    expect(again.ok && again.data?.[1]?.name).toBe(plain.chambers[1]!.name)
  })
})
