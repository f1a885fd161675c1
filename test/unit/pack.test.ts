import type { WallScreen } from '~/wall/registry.ts'
import { describe, expect, it } from 'vitest'
import { feedAsOf, parseConfig } from '~/config.ts'
import { provenanceLine } from '~/export/pack-slide.ts'
import { defaultChoices, monthEnd, moveSlide, NOTE_MAX, packFileName, pagePngName, readChoices, slideOptions, SLIDES_MAX, TITLE_MAX } from '~/staff/pack/pack.ts'
import { zh as t } from '../fixtures/words.ts'

const plan: WallScreen[] = [{ kind: 'overview' }, { kind: 'group', id: 'g1' }, { kind: 'rankings' }, { kind: 'trends' }]
const groups = new Map([['g1', { name: '第一片组' }]])
const options = slideOptions(plan, t, groups)

describe('the meeting pack\'s choices', () => {
  it('offers the wall\'s screens in its order, the evening ranking and the staff tables, each with the section its figures come from', () => {
    expect(options.map(o => [o.key, o.section])).toEqual([
      ['overview', 'summary'],
      ['group:g1', 'chambers'],
      ['rankings', 'study'],
      ['trends', 'series'],
      ['ranking', 'study'],
      ['table:groupChanges', 'series'],
      ['table:districtChanges', 'series'],
      ['table:indicators', 'chambers'],
    ])
    expect(options[1]!.title).toBe('第一片组')
  })

  it('starts from a first pack of what exists', () => {
    expect(defaultChoices(options, t).slides.map(s => s.key)).toEqual(['overview', 'trends', 'table:groupChanges', 'table:indicators', 'ranking'])
    expect(defaultChoices(options.filter(o => o.key !== 'trends'), t).slides.map(s => s.key)).not.toContain('trends')
  })

  it('reads what a browser kept as untrusted: unknown and repeated slides left out, text cut to its bounds', () => {
    const kept = {
      title: 'x'.repeat(500),
      slides: [
        { key: 'group:g1', note: '覆盖率居首'.repeat(200) },
        { key: 'group:g9', note: '解散的片组' },
        { key: 'group:g1', note: '又一次' },
        { key: '__proto__' },
        'overview',
        { key: 'ranking', note: 3 },
      ],
    }
    const read = readChoices(kept, options, t)
    expect(read.title).toHaveLength(TITLE_MAX)
    expect(read.slides.map(s => s.key)).toEqual(['group:g1', 'ranking'])
    expect(read.slides[0]!.note).toHaveLength(NOTE_MAX)
    expect(read.slides[1]!.note).toBe('')
    // Nothing usable, or not JSON's shape at all: the first pack.
    for (const junk of [null, 'pack', 42, [], { slides: 'all' }])
      expect(readChoices(junk, options, t).slides.map(s => s.key)).toEqual(defaultChoices(options, t).slides.map(s => s.key))
    // A pack emptied on purpose stays empty.
    expect(readChoices({ title: 'a', slides: [] }, options, t).slides).toEqual([])
    const many = { slides: Array.from({ length: 100 }, () => ({ key: 'overview' })).map((s, i) => ({ key: options[i % options.length]!.key })) }
    expect(readChoices(many, options, t).slides.length).toBeLessThanOrEqual(SLIDES_MAX)
  })

  it('moves a slide up or down, and leaves the list as it is at either end', () => {
    const slides = ['a', 'b', 'c'].map(key => ({ key, note: '' }))
    expect(moveSlide(slides, 2, -1).map(s => s.key)).toEqual(['a', 'c', 'b'])
    expect(moveSlide(slides, 0, 1).map(s => s.key)).toEqual(['b', 'a', 'c'])
    expect(moveSlide(slides, 0, -1).map(s => s.key)).toEqual(['a', 'b', 'c'])
    expect(moveSlide(slides, 2, 1).map(s => s.key)).toEqual(['a', 'b', 'c'])
  })

  it('names its files by the figures\' day and each page by its place and slide', () => {
    expect(packFileName('2026-12-07', 'pdf', t)).toBe('2026-12-07-会议材料.pdf')
    expect(pagePngName(1, 'group:g1')).toBe('02-group-g1.png')
    expect(pagePngName(11, 'table:groupChanges')).toBe('12-table-groupChanges.png')
    expect(pagePngName(0, 'group:../../etc')).toBe('01-group-______etc.png')
  })

  it('knows a month\'s last day, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29')
    expect(monthEnd('2026-02')).toBe('2026-02-28')
    expect(monthEnd('2026-12')).toBe('2026-12-31')
  })
})

describe('a page\'s provenance foot', () => {
  const input = {
    sources: { summary: { system: '数字工商联', counts: '上报总数“合计”行', asOf: '2026-10-31' } },
    receivedAt: () => Date.parse('2026-12-07T02:00:00Z'),
    generatedAt: Date.parse('2026-12-07T01:59:00Z'),
    countsAsOf: '2026-10-31',
    studyDate: '2026-12-07',
  }

  it('says the source, what it counts, the cut-off, when it was fetched and generated', () => {
    expect(provenanceLine('summary', input, t)).toEqual([
      '来源：数字工商联',
      '口径：上报总数“合计”行',
      '截至 2026-10-31',
      '获取于 2026-12-07 10:00',
      '数据生成于 2026-12-07 09:59',
    ])
  })

  it('says a source the feed does not name is not stated, and dates study figures by the study day', () => {
    expect(provenanceLine('study', { ...input, sources: undefined }, t)).toEqual([
      '来源：数据源未注明',
      '截至 2026-12-07',
      '获取于 2026-12-07 10:00',
      '数据生成于 2026-12-07 09:59',
    ])
  })
})

describe('?asOf=', () => {
  it('asks the feed for a month\'s end, keeping the feed\'s own query', () => {
    expect(feedAsOf('feed/cockpit.json', '2026-10')).toBe('feed/cockpit.json?asOf=2026-10')
    expect(feedAsOf('https://data.example.gov.cn/cockpit.json?token=a', '2026-10')).toBe('https://data.example.gov.cn/cockpit.json?token=a&asOf=2026-10')
    expect(parseConfig({}, '?asOf=2026-10').config.feedUrl).toBe('feed/cockpit.json?asOf=2026-10')
  })

  it('ignores anything that is not a month', () => {
    for (const bad of ['2026-13', '10', '2026-10&feed=https://evil.example', '<b>'])
      expect(parseConfig({}, `?asOf=${encodeURIComponent(bad)}`).config.feedUrl).toBe('feed/cockpit.json')
  })
})
