import type { FooterInput } from '~/export/footer.ts'
import type { RankingImageInput } from '~/export/ranking-image.ts'
import type { StudyRanking } from '~/figures/study.ts'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '~/config.ts'
import { exportDate, exportFileName, screenSlug } from '~/export/file-name.ts'
import { exportFooter } from '~/export/footer.ts'
import { RANKING_ROWS, rankingImage } from '~/export/ranking-image.ts'
import { chartsProblem, seriesHaveData } from '~/export/readiness.ts'
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

describe('when a screen is ready to be copied', () => {
  const drawn = (label: string) => ({ label, hasData: true, finished: true })

  it('waits for the screen itself: a lazy screen not mounted yet has no chart, which is not "nothing to wait for"', () => {
    expect(chartsProblem(null, [])).toBe('the screen has not drawn yet')
    expect(chartsProblem(Number.NaN, [])).toBe('the screen has not drawn yet')
  })

  it('waits for every chart the screen says it draws, each done drawing', () => {
    expect(chartsProblem(3, [drawn('a'), drawn('b')])).toBe('2 of 3 charts on the screen')
    expect(chartsProblem(2, [drawn('a'), { label: 'b', hasData: false, finished: false }])).toBe('the chart "b" has not finished drawing')
    expect(chartsProblem(2, [drawn('a'), drawn('b')])).toBeNull()
    // A screen that draws no chart for its data (every panel says it has none) is ready as it is.
    expect(chartsProblem(0, [])).toBeNull()
  })

  it('names a drawn chart that holds nothing to draw', () => {
    expect(chartsProblem(2, [drawn('a'), { label: '学习强国趋势', hasData: false, finished: true }])).toBe('the chart "学习强国趋势" has no data to draw')
  })

  it('counts a series as data when one of its values draws: gaps, ECharts\' "-" and { value: null } do not', () => {
    expect(seriesHaveData([{ data: [null, null, '-'] }, { data: [{ value: null }, [3, null]] }])).toBe(false)
    expect(seriesHaveData([{ data: [] }, { markLine: { data: [{ yAxis: 0.35 }] } }])).toBe(false)
    expect(seriesHaveData(undefined)).toBe(false)
    expect(seriesHaveData([{ data: [null, 0] }])).toBe(true)
    expect(seriesHaveData([{ data: [{ value: [2, 3], name: '西湖区' }] }])).toBe(true)
    expect(seriesHaveData({ data: [{ name: 'xihu' }] })).toBe(true)
  })
})

describe('the evening ranking for the WeChat groups', () => {
  const ranking: StudyRanking = {
    date: '2026-12-07',
    isToday: true,
    updatedAt: '2026-12-07T20:55:00+08:00',
    branches: Array.from({ length: 14 }, (_, i) => ({ chamberId: `c${i}`, name: `第${i + 1}商会党支部`, pointsToday: 5000 - i * 100 })),
    individuals: [
      { id: 'p1', name: '张小伟', chamberId: 'c1', pointsToday: 68, chamberName: '杭州市温州商会' },
      { id: 'p2', name: '欧阳小明', chamberId: null, pointsToday: 1234, chamberName: null },
    ],
    participants: 17612,
    pointsToday: 319763,
  }
  const input: RankingImageInput = { ranking, mask: true, org: '杭州市工商联', source: { system: '学习强国', asOf: '2026-12-07' }, generatedAt: at('2026-12-07T21:00:00+08:00'), demo: false, locale: 'zh-CN' }

  it('shows the top ten of each list, names masked as on the wall, figures with their separators', () => {
    const image = rankingImage(input, zh)
    expect(image.branches).toHaveLength(RANKING_ROWS)
    expect(image.branches[0]).toEqual({ rank: 1, name: '第1商会党支部', chamber: '', points: '5,000' })
    expect(image.individuals).toEqual([
      { rank: 1, name: '张*伟', chamber: '杭州市温州商会', points: '68' },
      { rank: 2, name: '欧**明', chamber: '', points: '1,234' },
    ])
    expect(rankingImage({ ...input, mask: false }, zh).individuals[0]!.name).toBe('张小伟')
  })

  it('is dated, says today\'s points are today\'s, and names its source, cut-off and times', () => {
    const image = rankingImage(input, zh)
    expect(image).toMatchObject({ org: '杭州市工商联', title: '学习强国 · 每日积分排名', date: '2026年12月7日 星期一', day: '今日积分', today: true, notToday: null, demo: null })
    expect(image.summary).toEqual(['参学 17,612 人', '合计 319,763 分'])
    expect(image.foot).toEqual(['来源：学习强国 · 截至 2026-12-07', '积分更新于 2026-12-07 20:55', '数据生成于 2026-12-07 21:00'])
  })

  it('says 非今日 plainly for a past day, and for a day ahead of today too', () => {
    for (const date of ['2026-12-06', '2026-12-08']) {
      const image = rankingImage({ ...input, ranking: { ...ranking, date, isToday: false } }, zh)
      expect(image.day).toBe('非今日积分')
      expect(image.today).toBe(false)
      expect(image.notToday).toMatch(/^非今日积分：以下是 2026年12月\d+日 星期. 的排名$/)
    }
  })

  it('speaks English, says 演示数据 for a demonstration, and leaves out what the feed does not say', () => {
    const image = rankingImage({ ...input, locale: 'en', demo: true, source: null, org: ' ', ranking: { ...ranking, updatedAt: null } }, en)
    expect(image).toMatchObject({ org: 'Hangzhou Federation of Industry and Commerce', title: 'Study points · daily ranking', day: 'today', demo: 'Demo data' })
    expect(image.date).toMatch(/^2026-12-07 Monday$/)
    expect(image.foot).toEqual(['Feed generated 2026-12-07 21:00'])
  })
})
