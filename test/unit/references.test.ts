import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { findDataWarnings } from '~/feed/references.ts'
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
