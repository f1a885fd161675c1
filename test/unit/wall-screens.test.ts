import type { FooterInput } from '~/export/footer.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { describe, expect, it, vi } from 'vitest'
import { defaultConfig, parseConfig } from '~/config.ts'
import { exportFooter } from '~/export/footer.ts'
import { screenEntry, screenProps, wallViews } from '~/wall/registry.ts'
import { rotationPlan, screenKey } from '~/wall/rotation.ts'
import { wallScreens } from '~/wall/screens/index.ts'
import { league } from '../fixtures/league-screen.ts'
import { zh } from '../fixtures/words.ts'

// A new screen is its entry file (the fixture) and this one line in the registry's list.
vi.mock('~/wall/screens/index.ts', async (real: () => Promise<typeof import('~/wall/screens/index.ts')>) => ({
  wallScreens: [...(await real()).wallScreens, (await import('../fixtures/league-screen.ts')).league],
}))

/** The fixture's screens are not in the wall's own screen type: the test passes them as the wall would. */
const leagueOf = (id: string) => ({ kind: 'league', id }) as unknown as WallScreen
const groups = new Map([['g1', { name: '第一片组' }], ['g2', { name: '第二片组' }]])

describe('a screen added to the registry', () => {
  it('is in the list once, beside every screen the wall has', () => {
    expect(wallScreens.at(-1)).toBe(league)
    expect(new Set(wallScreens.map(s => s.kind)).size).toBe(wallScreens.length)
    expect(new Set(wallViews).size).toBe(wallViews.length)
  })

  it('is a view config.json may list, and in the default rotation', () => {
    const { config, problems } = parseConfig({ rotate: { enabled: true, views: ['overview', 'leagues'] } })
    expect(problems).toEqual([])
    expect(config.rotate.views).toEqual(['overview', 'leagues'])
    expect(defaultConfig.rotate.views.at(-1)).toBe('leagues')
  })

  it('joins the rotation as its entry expands it, one screen per group with its own key', () => {
    expect(rotationPlan(['overview', 'leagues' as never], ['g1', 'g2']).map(screenKey))
      .toEqual(['overview', 'league:g1', 'league:g2'])
    expect(rotationPlan(wallViews, ['g1']).map(screenKey).slice(-1)).toEqual(['league:g1'])
  })

  it('gets its component and props from the wall', () => {
    expect(screenEntry('league' as never).component).toBe(league.component)
    expect(screenProps(leagueOf('g2'), defaultConfig, { t: zh, groups }))
      .toEqual({ groupId: 'g2', title: '第二片组 · 学习强国 · 片组支部积分' })
  })

  it('is named at the foot of its exported image, with the dates its entry says its figures rest on', () => {
    const input: FooterInput = { org: '杭州市工商联', screen: leagueOf('g1'), groups, countsAsOf: '2020-12-31', studyDate: '2026-12-01', generatedAt: null, demo: false, kept: [] }
    expect(exportFooter(input, zh).parts).toEqual(['杭州市工商联', '第一片组 · 学习强国 · 片组支部积分', '学习强国积分 2026-12-01', '数据生成于 未提供'])
  })
})

describe('the wall\'s own screens, from the same registry', () => {
  it('give each component its props: the settings it reads and the title it shows', () => {
    const words = { t: zh, groups }
    expect(screenProps({ kind: 'overview' }, defaultConfig, words)).toEqual({ maskNames: true })
    expect(screenProps({ kind: 'group', id: 'g1' }, defaultConfig, words)).toEqual({ groupId: 'g1', title: '第一片组' })
    expect(screenProps({ kind: 'group', id: 'g9' }, defaultConfig, words)).toEqual({ groupId: 'g9', title: '片组' })
    expect(screenProps({ kind: 'rankings' }, { ...defaultConfig, maskNames: false }, words)).toEqual({ maskNames: false, title: '学习强国 · 每日积分排名' })
    expect(screenProps({ kind: 'districts', metric: 'members' }, defaultConfig, words)).toEqual({ metric: 'members', title: '区县市分布 · 会员数', geo: null })
    const geo = { ...defaultConfig, districtGeoJsonUrl: 'geo/hz.json' }
    expect(screenProps({ kind: 'districts', metric: 'coverage' }, geo, words)).toMatchObject({ geo: { url: 'geo/hz.json', nameProperty: 'name', timeoutSeconds: 10 } })
  })
})
