import type { SectionName } from '~/feed/schema.ts'
import type { ProvenanceContext } from '~/figures/provenance.ts'
import { describe, expect, it } from 'vitest'
import { sectionNames } from '~/feed/schema.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { cityInputs, figureIds, figureSection, formulaOf, provenanceCard } from '~/figures/provenance.ts'
import { mockSources } from '../../mock/series.ts'

const FETCHED = Date.parse('2026-11-26T02:30:05Z')
const GENERATED = Date.parse('2026-11-26T02:30:00Z')
const summary = { asOf: '2020-12-31', chamberCount: 446, memberCount: 43_255, partyOrgChamberCount: 140 }

function context(over: Partial<ProvenanceContext> = {}): ProvenanceContext {
  const sections = Object.fromEntries(sectionNames.map(n => [n, { receivedAt: FETCHED }])) as Record<SectionName, { receivedAt: number | null }>
  return { sources: mockSources('2026-11-26', '2026-11-26T10:29:00+08:00'), sections, generatedAt: GENERATED, etag: '"abc"', summaryAsOf: summary.asOf, studyDate: '2026-11-25', ...over }
}

describe('figure catalogue', () => {
  it('reads a reported figure from the scope\'s section, any other from its own', () => {
    expect(figureSection('members', 'city')).toBe('summary')
    expect(figureSection('members', 'category')).toBe('categories')
    expect(figureSection('coverage', 'listed')).toBe('chambers')
    expect(figureSection('studyPointsToday', 'city')).toBe('study')
    expect(figureSection('monthlyPlan', 'city')).toBe('chambers')
    for (const id of figureIds)
      expect(sectionNames).toContain(figureSection(id, 'city'))
  })
})

describe('formulas', () => {
  it('states coverage with its inputs: 31.4 % = 140 ÷ 446', () => {
    expect(formulaOf('coverage', { parts: [140, 446] })).toEqual({ kind: 'share', result: '31.4 %', inputs: [140, 446], text: '31.4 % = 140 ÷ 446' })
  })

  it('says a share of nothing is a dash, never 0 % or NaN', () => {
    expect(formulaOf('coverage', { parts: [0, 0] })).toMatchObject({ result: '—', text: '— = 0 ÷ 0' })
  })

  it('states a ratio to one decimal, with thousands separators in its inputs', () => {
    expect(formulaOf('studyPointsPerMember', { parts: [12_345, 1_000] })).toMatchObject({ kind: 'ratio', text: '12.3 = 12,345 ÷ 1,000' })
  })

  it('sets a reported total beside the sum of the categories, without adjusting either', () => {
    const breakdown = categoryBreakdown([
      { id: 'industry', name: '行业商会', chamberCount: 43, memberCount: 4_663 },
      { id: 'nonlocal', name: '异地商会', chamberCount: 155, memberCount: 20_163 },
      { id: 'market', name: '市场商会', chamberCount: 12, memberCount: 781 },
      { id: 'grassroots', name: '镇街商会', chamberCount: 187, memberCount: 14_374 },
      { id: 'other', name: '其他商会', chamberCount: 49, memberCount: 1_926 },
    ], undefined, summary)
    expect(formulaOf('members', cityInputs('members', summary, breakdown))).toEqual({ kind: 'sum', reported: 43_255, sum: 41_907, gap: 1_348 })
    expect(formulaOf('chambers', cityInputs('chambers', summary, breakdown))).toEqual({ kind: 'sum', reported: 446, sum: 446, gap: 0 })
    expect(formulaOf('coverage', cityInputs('coverage', summary, breakdown))).toMatchObject({ text: '31.4 % = 140 ÷ 446' })
  })

  it('has no formula for a plain count, nor before the feed has come', () => {
    expect(formulaOf('partyOrgChambers', cityInputs('partyOrgChambers', summary, undefined))).toBeNull()
    expect(cityInputs('coverage', undefined, undefined)).toEqual({})
  })
})

describe('provenance card', () => {
  it('takes the feed\'s source of the figure\'s section', () => {
    const card = provenanceCard('coverage', 'city', { parts: [140, 446] }, context())
    expect(card).toEqual({
      file: null,
      figure: 'coverage',
      section: 'summary',
      counts: expect.stringContaining('比例'),
      inputsCounts: null,
      system: '数字工商联',
      asOf: '2026-11-26',
      sourceUpdatedAt: Date.parse('2026-11-26T02:29:00Z'),
      fetchedAt: FETCHED,
      generatedAt: GENERATED,
      etag: '"abc"',
      formula: expect.objectContaining({ text: '31.4 % = 140 ÷ 446' }),
    })
    expect(provenanceCard('partyMembers', 'listed', {}, context()).system).toBe('全国党员信息管理系统')
  })

  it('gives each figure its own 口径: a count the section\'s sentence, a share its own or the cockpit\'s definition', () => {
    const sources = { summary: { system: '数字工商联', counts: '商会数、会员数取上报总数', metricCounts: { members: '只计已缴会费的会员' } } }
    expect(provenanceCard('members', 'city', {}, context({ sources })).counts).toBe('只计已缴会费的会员')
    expect(provenanceCard('chambers', 'city', {}, context({ sources })).counts).toBe('商会数、会员数取上报总数')
    // Coverage has no sentence of its own here: the card gives the cockpit's definition and says
    // how its inputs are counted, never the counts' sentence as coverage's 口径.
    expect(provenanceCard('coverage', 'city', { parts: [140, 446] }, context({ sources }))).toMatchObject({ counts: null, inputsCounts: '商会数、会员数取上报总数' })
    // A key named like an object's own property is not a 口径.
    const hostile = { summary: { system: 'x', counts: 'y', metricCounts: JSON.parse('{"__proto__": "z"}') as Record<string, string> } }
    expect(provenanceCard('chambers', 'city', {}, context({ sources: hostile })).counts).toBe('y')
  })

  it('without meta.sources says only what the app knows: section, cut-off, fetched, generatedAt, ETag', () => {
    const card = provenanceCard('members', 'city', {}, context({ sources: undefined }))
    expect(card).toMatchObject({ section: 'summary', counts: null, system: null, asOf: '2020-12-31', sourceUpdatedAt: null, file: null, fetchedAt: FETCHED, generatedAt: GENERATED, etag: '"abc"', formula: null })
  })

  it('names the imported file and the start of its SHA-256 where the data service gives them, and no file where it does not', () => {
    const sources = { summary: { system: '数字工商联', fileName: '2026年11月上报总数.xlsx', sha256: 'f6b5fa017e62aa01' } }
    expect(provenanceCard('members', 'city', {}, context({ sources })).file).toEqual({ name: '2026年11月上报总数.xlsx', sha256: 'f6b5fa017e62' })
    expect(provenanceCard('members', 'city', {}, context()).file).toBeNull()
  })

  it('dates study figures by the study day when the source gives no cut-off', () => {
    const { study, ...others } = mockSources('2026-11-26', '2026-11-26T10:29:00+08:00')
    expect(study?.asOf).toBe('2026-11-26')
    const sources = { ...others, study: { system: '学习强国' } }
    expect(provenanceCard('studyPointsToday', 'city', {}, context({ sources })).asOf).toBe('2026-11-25')
  })

  it('leaves what the feed does not say as null: no ETag, no fetch yet', () => {
    const sections = Object.fromEntries(sectionNames.map(n => [n, { receivedAt: null }])) as Record<SectionName, { receivedAt: number | null }>
    expect(provenanceCard('chambers', 'category', {}, context({ etag: null, sections, summaryAsOf: undefined, sources: {} }))).toMatchObject({ section: 'categories', etag: null, fetchedAt: null, asOf: null })
  })
})
