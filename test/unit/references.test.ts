import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { findDataWarnings, findExtensionWarnings } from '~/feed/references.ts'
import { MAX_EVENTS } from '~/feed/schema.ts'
import { checkFeed } from '~/feed/validate.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { warningText } from '~/staff/warnings.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { en, zh } from '../fixtures/words.ts'

const sections = () => smallFeed() as unknown as Sections

describe('findDataWarnings', () => {
  it('finds nothing in a consistent feed but the real gap between summary and categories', () => {
    const w = findDataWarnings(sections())
    expect(w.map(x => x.detail)).toEqual([{ kind: 'totals-differ', what: 'members', of: null, by: 'categories', reported: 100, summed: 90 }])
    expect(w.map(x => warningText(zh, x))).toEqual(['全市会员数报告为 100，各类别合计为 90，少 10'])
  })

  it('reports dangling references and duplicates as warnings with examples', () => {
    const s = sections()
    s.chambers[1]!.category = 'ghost'
    s.chambers[2]!.groupId = 'g9'
    s.districtGroups[0]!.leaderChamberId = 'c404'
    s.chambers.push({ ...s.chambers[0]! })
    s.study.individuals[0]!.chamberId = 'c77'
    const kinds = findDataWarnings(s).map(x => `${x.kind} ${x.examples.join(',')}`)
    expect(kinds).toContain('unknown-category c2')
    expect(kinds).toContain('unknown-group c3')
    expect(kinds).toContain('unknown-chamber g1')
    expect(kinds).toContain('duplicate-id c1')
    expect(kinds).toContain('unknown-chamber p1 → c77')
  })

  it('groups many warnings of one kind into one line with a count', () => {
    const s = sections()
    s.study.individuals = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: 'x', chamberId: 'nowhere', pointsToday: 1 }))
    const w = findDataWarnings(s).find(x => x.detail.kind === 'unknown-chamber' && x.detail.from === 'studyIndividuals')
    expect(w?.count).toBe(30)
    expect(w?.examples).toHaveLength(5)
  })

  it('states the real 2020 gap exactly, never adjusting it', () => {
    const s = sections()
    s.summary = { asOf: '2020-12-31', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 }
    s.categories = [
      { id: 'industry', name: '行业商会、行业协会', chamberCount: 43, memberCount: 4663 },
      { id: 'nonlocal', name: '异地商会', chamberCount: 155, memberCount: 20163 },
      { id: 'market', name: '市场（园区、楼宇）商会', chamberCount: 12, memberCount: 781 },
      { id: 'grassroots', name: '区县市镇街商会', chamberCount: 187, memberCount: 14374 },
      { id: 'other', name: '其他商会', chamberCount: 49, memberCount: 1926 },
    ]
    const messages = findDataWarnings({ summary: s.summary, categories: s.categories }).map(x => warningText(zh, x))
    expect(messages).toEqual(['全市会员数报告为 43,255，各类别合计为 41,907，少 1,348'])
    expect(findDataWarnings({ summary: s.summary, categories: s.categories }).map(x => warningText(en, x))).toEqual(['city members: reported 43,255, but the categories add up to 41,907 (1,348 fewer)'])
  })
})

describe('impossible figures', () => {
  it('more party organisations than chambers is a warning, and the ratio is not a plain figure', () => {
    const s = sections()
    s.summary = { ...s.summary, chamberCount: 446, partyOrgChamberCount: 500 }
    const w = findDataWarnings({ summary: s.summary })
    expect(w.map(x => warningText(zh, x))).toEqual(['全市建立党组织的商会 500 个，多于商会总数 446 个，覆盖率无法计算'])
    const b = categoryBreakdown([{ id: 'x', name: '异地商会', chamberCount: 10, memberCount: 5, partyOrgChamberCount: 12 }], undefined, undefined)
    expect(b.rows[0]).toMatchObject({ coverage: null, implausible: true })
  })
})

describe('findExtensionWarnings: events past the bound and text with bidi controls', () => {
  it('names the events past the bound once, with how many were sent and kept', () => {
    const feed = smallFeed() as Record<string, any>
    feed.events = Array.from({ length: MAX_EVENTS + 250 }, (_, i) => ({ date: new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10), kind: 'definition', label: `口径 ${i}` }))
    const events = checkFeed(feed).sections.events
    const w = findExtensionWarnings(undefined, undefined, events.ok ? events.dropped ?? [] : [])
    expect(w.map(x => x.detail)).toEqual([{ kind: 'too-many', section: 'events', sent: MAX_EVENTS + 250, kept: MAX_EVENTS }])
    expect(w[0]!.examples).toEqual(['events[0]'])
    expect(warningText(zh, w[0]!)).toBe('大事记共 1,250 条，超过上限 1,000 条：只用日期最近的 1,000 条，较早的 250 条已舍弃')
    expect(warningText(en, w[0]!)).toContain('the 250 earlier ones dropped')
  })

  it('names a source, an event and meta.org sent with bidi controls', () => {
    const feed = smallFeed() as Record<string, any>
    feed.meta.org = '工商联\u202E'
    feed.meta.sources = { summary: { system: '数字\u202E工商联', metricCounts: { coverage: '覆盖率\u2066' } }, study: { system: '学习强国' } }
    feed.events = [{ date: '2020-10-01', kind: 'other', label: '品牌\u202E项目' }, { date: '2020-11-01', kind: 'other', label: '评级' }]
    const check = checkFeed(feed)
    const data = <K extends keyof typeof check.sections>(k: K) => {
      const s = check.sections[k]
      return s.ok ? s.data : undefined
    }
    const w = findExtensionWarnings(undefined, data('sources'), [], undefined, data('events'), check.envelope?.meta?.org)
    expect(w.map(x => [x.detail, x.examples])).toEqual([
      [{ kind: 'bidi-text', place: 'sources' }, ['meta.sources.summary']],
      [{ kind: 'bidi-text', place: 'events' }, ['events · 2020-10-01']],
      [{ kind: 'bidi-text', place: 'org' }, ['meta.org']],
    ])
    expect(warningText(zh, w[1]!)).toBe('大事记中的文字含方向控制字符，已去掉这些字符，文字单独排版显示')
  })

  it('names the names of the core sections sent with bidi controls, chambers by their id', () => {
    const feed = smallFeed() as Record<string, any>
    feed.chambers[1].name = '温州\u202E商会'
    feed.study.branches[0].name = '支部\u200F'
    const check = checkFeed(feed)
    const s = Object.fromEntries(Object.entries(check.sections).map(([k, r]) => [k, r.ok ? r.data : undefined])) as unknown as Sections
    const w = findDataWarnings(s).filter(x => x.kind === 'bidi-text')
    expect(w.map(x => [x.detail, x.examples, !!x.chamberExamples])).toEqual([
      [{ kind: 'bidi-text', place: 'chambers' }, [feed.chambers[1].id], true],
      [{ kind: 'bidi-text', place: 'studyBranches' }, [feed.study.branches[0].chamberId], false],
    ])
  })
})
