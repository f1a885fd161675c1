import type { FooterInput } from '~/export/footer.ts'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '~/config.ts'
import { exportDate, exportFileName, screenSlug } from '~/export/file-name.ts'
import { exportFooter } from '~/export/footer.ts'
import { en, zh } from '../fixtures/words.ts'

const at = (iso: string) => Date.parse(iso)
const base: FooterInput = {
  org: '杭州市工商联',
  screen: { kind: 'overview' },
  groups: new Map([['g3', { name: '第三片组' }]]),
  countsAsOf: '2020-12-31',
  studyDate: '2026-12-01',
  generatedAt: at('2026-12-01T14:20:05+08:00'),
  demo: false,
  kept: [],
}

describe('the footer of an exported screen', () => {
  it('names the organisation, the screen, the date of each kind of figure and the feed\'s generatedAt', () => {
    expect(exportFooter(base, zh)).toEqual({
      parts: ['杭州市工商联', '全市总览', '统计截至 2020-12-31', '学习强国积分 2026-12-01', '数据生成于 2026-12-01 14:20'],
      demo: null,
    })
  })

  it('says 演示数据 when the feed is a demonstration', () => {
    expect(exportFooter({ ...base, demo: true }, zh).demo).toBe('演示数据')
  })

  it('names a group screen by the group, and the rankings carry only the study date', () => {
    expect(exportFooter({ ...base, screen: { kind: 'group', id: 'g3' } }, zh).parts.slice(1, 3))
      .toEqual(['第三片组', '统计截至 2020-12-31'])
    const rankings = exportFooter({ ...base, screen: { kind: 'rankings' } }, zh).parts
    expect(rankings).toContain('学习强国积分 2026-12-01')
    expect(rankings.some(p => p.startsWith('统计截至'))).toBe(false)
  })

  it('says which sections are older than the feed, and since when', () => {
    const kept = exportFooter({ ...base, kept: [{ section: 'chambers', receivedAt: at('2026-12-01T13:05:00+08:00') }] }, zh)
    expect(kept.parts.at(-1)).toBe('商会名录（chambers）为 2026-12-01 13:05 的数据（最新数据未通过校验）')
  })

  it('falls back to the cockpit\'s organisation, and says what the feed did not provide', () => {
    const bare = exportFooter({ ...base, org: '  ', countsAsOf: null, generatedAt: null }, en)
    expect(bare.parts).toEqual(['Hangzhou Federation of Industry and Commerce', 'City overview', 'Counts as of Not provided', 'Study points of 2026-12-01', 'Feed generated Not provided'])
  })

  it('reads the time in Shanghai whatever the feed\'s offset', () => {
    expect(exportFooter({ ...base, generatedAt: at('2026-12-01T23:30:00Z') }, zh).parts.at(-1)).toBe('数据生成于 2026-12-02 07:30')
  })
})

describe('exported file names', () => {
  it('start with the feed\'s Shanghai day, so daily packs sort by date', () => {
    expect(exportDate(at('2026-11-30T17:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe('2026-12-01')
    expect(exportDate(null, at('2026-11-30T15:00:00Z'))).toBe('2026-11-30')
  })

  it('name the screen, and the size when it is not the design size', () => {
    expect(exportFileName('2026-12-01', 'overview', 1)).toBe('2026-12-01-overview.png')
    expect(exportFileName('2026-12-01', 'group:g1', 2)).toBe('2026-12-01-group-g1-3840x2160.png')
    expect(exportFileName('2026-12-01', 'oversight', 1, 'pdf')).toBe('2026-12-01-oversight.pdf')
  })

  it('cannot be steered into another folder or name by a group id from the feed', () => {
    expect(screenSlug('group:../../etc/passwd')).toBe('group-______etc_passwd')
    expect(screenSlug(`group:${'x'.repeat(200)}`)).toHaveLength(60)
    expect(screenSlug('group:第一片组')).toBe('group-____')
  })
})

describe('?export=png', () => {
  it('is asked by the query only, and only for PNG', () => {
    expect(parseConfig(undefined, '?export=png&view=rankings').export).toBe('png')
    expect(parseConfig(undefined, '?export=pdf').export).toBeNull()
    expect(parseConfig({ kiosk: true }, '').export).toBeNull()
  })
})
