import type { AnyRow } from '../../server/imports/rows.ts'
import type { KindModule, Parsed, RawCell, References, SheetRow } from '../../server/imports/types.ts'
import { describe, expect, it } from 'vitest'
import { kindModules } from '../../server/imports/kinds/index.ts'
import { importKinds, kindSpecs } from '../../src/import-kinds.ts'

const { groups, chambers, party, plans, totals, study, brands, events } = kindModules

let nextRow = 2
/** A data row by header; an absent header reads as empty, as the reader hands it over. */
function sheetRow(cells: Record<string, RawCell>, row = nextRow++): SheetRow {
  return { row, cells: new Map(Object.entries(cells)) }
}

function parsed<R>(kind: KindModule<R>, cells: Record<string, RawCell>, period: string, row?: number): Parsed<R> {
  const r = kind.parse(sheetRow(cells, row), period)
  if (!r.ok)
    throw new Error(`expected a row, got ${JSON.stringify(r.problems)}`)
  return { row: row ?? nextRow - 1, value: r.value }
}

function problems<R>(kind: KindModule<R>, cells: Record<string, RawCell>, period: string, row = 5) {
  const r = kind.parse(sheetRow(cells, row), period)
  if (r.ok)
    throw new Error(`expected problems, got ${JSON.stringify(r.value)}`)
  return r.problems
}

const roster: References = { roster: new Set(['C1', 'C2', 'C3']), rosterPeriod: '2026-11', groupNames: new Set(['西湖片']) }
const noRoster: References = { roster: null, rosterPeriod: null, groupNames: null }
const nasty = [`'; DROP TABLE imports; --`, '<img src=x onerror=alert(1)>', `=cmd|' /C calc'!A0`]

describe('the kind modules', () => {
  it('one a kind, each built from its contract spec, each key column a declared header', () => {
    for (const kind of importKinds) {
      const m = kindModules[kind] as KindModule<AnyRow>
      expect(m.spec).toBe(kindSpecs[kind])
      expect(m.spec.columns.map(c => c.header)).toContain(m.keyColumn)
    }
  })
})

describe('商会名册 (chambers)', () => {
  const good = { 商会编号: 'C1', 商会名称: '杭州市温州商会', 类别: '异地商会', 区县市: '西湖区', 片组: '西湖片', 直属: '是', 会员数: '1,234', 最近活动日期: '2026/11/2' }

  it('reads a good row', () => {
    expect(parsed(chambers, good, '2026-11').value).toEqual({
      id: 'C1',
      name: '杭州市温州商会',
      category: 'nonlocal',
      district: '西湖区',
      group: '西湖片',
      direct: true,
      memberCount: 1234,
      lastActivityDate: '2026-11-02',
    })
    expect(chambers.keyColumn).toBe('商会编号')
    expect(chambers.key(parsed(chambers, good, '2026-11').value)).toBe('C1')
  })

  it('reads 类别 by name, id or an unambiguous short form, empty optional cells as null', () => {
    const row = (类别: string) => parsed(chambers, { ...good, 类别, 区县市: null, 片组: '', 最近活动日期: null }, '2026-11').value
    expect(row('industry').category).toBe('industry')
    expect(row('行业协会').category).toBe('industry')
    expect(row('行业商会').category).toBe('industry')
    expect(row('市场(园区、楼宇)商会').category).toBe('market')
    expect(row('镇街商会').category).toBe('grassroots')
    expect(row('其他商会')).toMatchObject({ category: 'other', district: null, group: null, lastActivityDate: null })
  })

  it('reports every bad cell of a row, each with its row and header', () => {
    expect(problems(chambers, { ...good, 商会名称: '', 类别: '商会', 直属: '也许', 会员数: '12.5', 最近活动日期: '2026-02-30' }, '2026-11', 9)).toEqual([
      { row: 9, column: '商会名称', message: '不能为空' },
      { row: 9, column: '类别', message: '应为 行业商会、行业协会 / 异地商会 / 市场（园区、楼宇）商会 / 区县市镇街商会 / 其他商会 之一（或其编号），实为“商会”' },
      { row: 9, column: '直属', message: '应为 是 或 否（也可写 是的、Y/N、TRUE/FALSE、1/0），实为“也许”' },
      { row: 9, column: '会员数', message: '应为非负整数，实为“12.5”' },
      { row: 9, column: '最近活动日期', message: '日期不存在：“2026-02-30”' },
    ])
  })

  it('keeps SQL, markup and formulas typed as names verbatim', () => {
    for (const s of nasty)
      expect(parsed(chambers, { ...good, 商会名称: s, 区县市: s }, '2026-11').value).toMatchObject({ name: s, district: s })
  })

  it('warns once per unknown 片组 and per unknown 区县市, listing the rows, and keeps them', () => {
    const rows = [
      parsed(chambers, { ...good, 商会编号: 'C1' }, '2026-11', 3),
      parsed(chambers, { ...good, 商会编号: 'C2', 片组: '东片', 区县市: '杭州市' }, '2026-11', 4),
      parsed(chambers, { ...good, 商会编号: 'C3', 片组: '东片', 区县市: '杭州市' }, '2026-11', 5),
      parsed(chambers, { ...good, 商会编号: 'C4', 片组: null, 区县市: '西湖' }, '2026-11', 6),
    ]
    const r = chambers.check(rows, roster, '2026-11')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([
      { row: 4, column: '片组', message: '片组“东片”不在 2026-11 的片组中（第 4、5 行）：照录，请核对名称或补充片组' },
      { row: 4, column: '区县市', message: '区县市“杭州市”不是杭州市 13 个区县市之一（第 4、5 行）：照录，显示为“其他/未注明”' },
      { row: 6, column: '区县市', message: '区县市“西湖”不是杭州市 13 个区县市之一（第 6 行）：照录，显示为“其他/未注明”' },
    ])
    expect(rows[1]!.value).toMatchObject({ group: '东片', district: '杭州市' })
  })

  it('without the month\'s groups a 片组 is a warning, not an error; no roster is needed', () => {
    const rows = Array.from({ length: 30 }, (_, i) => parsed(chambers, { ...good, 商会编号: `C${i}` }, '2026-11', i + 2))
    const r = chambers.check(rows, noRoster, '2026-11')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([
      { row: 2, column: '片组', message: '2026-11 尚无片组，片组“西湖片”（第 2、3、4、5、6、7、8、9、10、11 等 30 行）照录：导入当月片组后即归入' },
    ])
  })
})

describe('党组织 (party)', () => {
  const good = { 商会编号: 'C1', 党组织名称: '杭州市温州商会党委', 党组织类型: '党委', 党员数: 56, 星级: '4', 书记列席理事会: 'Y' }

  it('reads a good row, and empty optional cells as null', () => {
    expect(parsed(party, good, '2026-11').value).toEqual({
      chamberId: 'C1',
      name: '杭州市温州商会党委',
      type: 'committee',
      memberCount: 56,
      stars: 4,
      secretaryAttendsCouncil: true,
    })
    expect(parsed(party, { ...good, 党组织类型: '联合党支部', 党员数: 0, 星级: null, 书记列席理事会: '' }, '2026-11').value)
      .toMatchObject({ type: 'joint-branch', memberCount: 0, stars: null, secretaryAttendsCouncil: null })
    expect(party.key(parsed(party, good, '2026-11').value)).toBe('C1')
  })

  it('reports every bad cell', () => {
    expect(problems(party, { ...good, 党组织类型: '党小组', 党员数: -3, 星级: 6, 书记列席理事会: { formula: 'B2' } }, '2026-11')).toEqual([
      { row: 5, column: '党组织类型', message: '应为 党委 / 党总支 / 党支部 / 联合党支部 之一（或其编号），实为“党小组”' },
      { row: 5, column: '党员数', message: '应为非负整数，实为“-3”' },
      { row: 5, column: '星级', message: '应为 1–5 的整数，实为“6”' },
      { row: 5, column: '书记列席理事会', message: '公式没有计算结果（请在 Excel 中重新计算并保存）' },
    ])
  })

  it('every 商会编号 is on the month\'s roster', () => {
    const rows = [parsed(party, good, '2026-11', 2), parsed(party, { ...good, 商会编号: 'C999' }, '2026-11', 3)]
    expect(party.check(rows, roster, '2026-11')).toEqual({
      errors: [{ row: 3, column: '商会编号', message: '商会编号“C999”不在 2026-11 商会名册中' }],
      warnings: [],
    })
    expect(party.check([rows[0]!], roster, '2026-11')).toEqual({ errors: [], warnings: [] })
  })

  it('without the month\'s roster: one error for the import, not one a row', () => {
    const rows = Array.from({ length: 50 }, (_, i) => parsed(party, { ...good, 商会编号: `C${i}` }, '2026-11', i + 2))
    expect(party.check(rows, noRoster, '2026-11')).toEqual({
      errors: [{ row: null, column: null, message: '2026-11 尚无商会名册，无法核对商会编号：请先导入 2026-11 的商会名册，再导入党组织' }],
      warnings: [],
    })
  })
})

describe('计划报备 (plans)', () => {
  const good = { 商会编号: 'C2', 年度计划已报备: '是的', 月度计划报备日期: '2026年11月3日' }

  it('reads a good row; an empty filing date means not filed yet', () => {
    expect(parsed(plans, good, '2026-11').value).toEqual({ chamberId: 'C2', annualReported: true, monthlyReportedOn: '2026-11-03' })
    expect(parsed(plans, { ...good, 年度计划已报备: 'FALSE', 月度计划报备日期: null }, '2026-11').value)
      .toEqual({ chamberId: 'C2', annualReported: false, monthlyReportedOn: null })
    expect(plans.key(parsed(plans, good, '2026-11').value)).toBe('C2')
  })

  it('the monthly filing falls in the import\'s month', () => {
    expect(parsed(plans, { ...good, 月度计划报备日期: new Date(Date.UTC(2026, 10, 30)) }, '2026-11').value.monthlyReportedOn).toBe('2026-11-30')
    expect(problems(plans, { ...good, 月度计划报备日期: '2026-10-31' }, '2026-11')).toEqual([
      { row: 5, column: '月度计划报备日期', message: '应在 2026-11 内，实为“2026-10-31”' },
    ])
  })

  it('reports every bad cell', () => {
    expect(problems(plans, { 商会编号: ' ', 年度计划已报备: '不知道', 月度计划报备日期: '2026.12.1' }, '2026-11').map(p => p.column))
      .toEqual(['商会编号', '年度计划已报备', '月度计划报备日期'])
  })

  it('checks the roster, and asks for it when the month has none', () => {
    const rows = [parsed(plans, { ...good, 商会编号: 'X1' }, '2026-11', 4)]
    expect(plans.check(rows, roster, '2026-11').errors).toEqual([{ row: 4, column: '商会编号', message: '商会编号“X1”不在 2026-11 商会名册中' }])
    expect(plans.check(rows, noRoster, '2026-11').errors).toEqual([
      { row: null, column: null, message: '2026-11 尚无商会名册，无法核对商会编号：请先导入 2026-11 的商会名册，再导入计划报备' },
    ])
  })
})

describe('上报总数 (totals)', () => {
  // The real end-of-2020 figures (domain.md): the categories' members add up to 41,907, not 43,255.
  const real2020: [string, number, number, number | null][] = [
    ['行业商会、行业协会', 43, 4663, null],
    ['异地商会', 155, 20163, null],
    ['市场（园区、楼宇）商会', 12, 781, null],
    ['区县市镇街商会', 187, 14374, null],
    ['其他商会', 49, 1926, null],
    ['合计', 446, 43255, 140],
  ]
  const file = (period = '2020-12') => real2020.map(([类别, 商会数, 会员数, 建立党组织商会数], i) =>
    parsed(totals, { 类别, 商会数, 会员数, 建立党组织商会数, 截至日期: null }, period, i + 3))

  it('reads the rows; 截至日期 defaults to the month\'s last day', () => {
    const rows = file()
    expect(rows.map(r => r.value.category)).toEqual(['industry', 'nonlocal', 'market', 'grassroots', 'other', 'total'])
    expect(rows[5]!.value).toEqual({ category: 'total', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140, asOf: '2020-12-31' })
    expect(parsed(totals, { 类别: '合计', 商会数: 1, 会员数: 1 }, '2024-02').value.asOf).toBe('2024-02-29')
    expect(parsed(totals, { 类别: 'other', 商会数: 1, 会员数: 1, 截至日期: '2020/12/15' }, '2020-12').value.asOf).toBe('2020-12-15')
    expect(totals.keyColumn).toBe('类别')
    expect(totals.key(rows[1]!.value)).toBe('nonlocal')
  })

  it('the real 2020 figures pass with a warning, never an error, never adjusted', () => {
    const rows = file()
    const r = totals.check(rows, noRoster, '2020-12')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([
      { row: 8, column: '会员数', message: '五个类别的会员数之和为 41,907，与“合计”行的 43,255 不符（相差 1,348）：按上报数照录，不作调整' },
    ])
    expect(rows[5]!.value.memberCount).toBe(43255)
  })

  it('reconciling figures give no warning; 建立党组织商会数 is compared when every row has it', () => {
    const rows = [
      ...['industry', 'nonlocal', 'market', 'grassroots', 'other'].map((类别, i) => parsed(totals, { 类别, 商会数: 10, 会员数: 100, 建立党组织商会数: 3 }, '2026-11', i + 2)),
      parsed(totals, { 类别: '合计', 商会数: 50, 会员数: 500, 建立党组织商会数: 16 }, '2026-11', 7),
    ]
    expect(totals.check(rows, roster, '2026-11')).toEqual({
      errors: [],
      warnings: [{ row: 7, column: '建立党组织商会数', message: '五个类别的建立党组织商会数之和为 15，与“合计”行的 16 不符（相差 1）：按上报数照录，不作调整' }],
    })
  })

  it('names the missing categories and the missing 合计 row', () => {
    const rows = file().filter(r => r.value.category !== 'nonlocal' && r.value.category !== 'total')
    expect(totals.check(rows, noRoster, '2020-12')).toEqual({
      errors: [{ row: null, column: '类别', message: '缺少类别：异地商会、合计（五个类别各一行，另有一行“合计”）' }],
      warnings: [],
    })
  })

  it('建立党组织商会数 ≤ 商会数, 截至日期 not after the month, and every bad cell is reported', () => {
    expect(problems(totals, { 类别: '合计', 商会数: 100, 会员数: 1000, 建立党组织商会数: 140 }, '2026-11')).toEqual([
      { row: 5, column: '建立党组织商会数', message: '建立党组织商会数 140 大于商会数 100' },
    ])
    expect(problems(totals, { 类别: '全部', 商会数: '四百', 会员数: null, 截至日期: '2026-12-01' }, '2026-11')).toEqual([
      { row: 5, column: '类别', message: '应为 行业商会、行业协会 / 异地商会 / 市场（园区、楼宇）商会 / 区县市镇街商会 / 其他商会 / 合计 之一（或其编号），实为“全部”' },
      { row: 5, column: '商会数', message: '应为非负整数，实为“四百”' },
      { row: 5, column: '会员数', message: '不能为空' },
      { row: 5, column: '截至日期', message: '不能晚于当月最后一天 2026-11-30，实为“2026-12-01”' },
    ])
  })
})

describe('学习积分 (study)', () => {
  const good = { 学员编号: 'L001', 姓名: '张三', 商会编号: 'C1', 今日积分: '35', 总积分: '12,345.5' }

  it('reads a good row', () => {
    expect(parsed(study, good, '2026-11-26').value).toEqual({ learnerId: 'L001', name: '张三', chamberId: 'C1', pointsToday: 35, pointsTotal: 12345.5 })
    expect(study.keyColumn).toBe('学员编号')
    expect(study.key(parsed(study, good, '2026-11-26').value)).toBe('L001')
  })

  it('reports every bad cell, then today\'s points above the total', () => {
    expect(problems(study, { ...good, 姓名: null, 今日积分: '-1', 总积分: 'abc' }, '2026-11-26')).toEqual([
      { row: 5, column: '姓名', message: '不能为空' },
      { row: 5, column: '今日积分', message: '应为非负数，实为“-1”' },
      { row: 5, column: '总积分', message: '应为非负数，实为“abc”' },
    ])
    expect(problems(study, { ...good, 今日积分: 50, 总积分: 40 }, '2026-11-26')).toEqual([
      { row: 5, column: '今日积分', message: '今日积分 50 大于总积分 40' },
    ])
  })

  it('keeps names verbatim, checks the roster', () => {
    for (const s of nasty)
      expect(parsed(study, { ...good, 姓名: s }, '2026-11-26').value.name).toBe(s)
    const rows = [parsed(study, { ...good, 商会编号: 'C404' }, '2026-11-26', 11)]
    expect(study.check(rows, roster, '2026-11-26').errors).toEqual([{ row: 11, column: '商会编号', message: '商会编号“C404”不在 2026-11 商会名册中' }])
    expect(study.check(rows, noRoster, '2026-11-26').errors).toEqual([
      { row: null, column: null, message: '尚无商会名册，无法核对商会编号：请先导入商会名册，再导入学习积分' },
    ])
  })
})

describe('两类五型 (brands)', () => {
  const good = { 项目编号: 'B1', 商会编号: 'C3', 类型: '坚强战斗堡垒', 项目名称: '红色引擎', 得分: '92.5', 状态: '已授牌' }

  it('reads a good row, by Chinese names or ids', () => {
    expect(parsed(brands, good, '2026').value).toEqual({ id: 'B1', chamberId: 'C3', type: 'fortress', title: '红色引擎', score: 92.5, status: 'awarded' })
    expect(parsed(brands, { ...good, 类型: 'integrity', 得分: null, 状态: 'declared' }, '2026').value)
      .toMatchObject({ type: 'integrity', score: null, status: 'declared' })
    expect(brands.key(parsed(brands, good, '2026').value)).toBe('B1')
  })

  it('reports every bad cell', () => {
    expect(problems(brands, { ...good, 类型: '先锋', 项目名称: '', 得分: 101, 状态: '已通过' }, '2026')).toEqual([
      { row: 5, column: '类型', message: '应为 坚强战斗堡垒 / 团结凝聚商会 / 助力企业发展 / 推进清廉建设 / 承担社会责任 之一（或其编号），实为“先锋”' },
      { row: 5, column: '项目名称', message: '不能为空' },
      { row: 5, column: '得分', message: '应为 0–100 的数，实为“101”' },
      { row: 5, column: '状态', message: '应为 已申报 / 已评估 / 已授牌 之一（或其编号），实为“已通过”' },
    ])
  })

  it('keeps titles verbatim, checks the roster', () => {
    for (const s of nasty)
      expect(parsed(brands, { ...good, 项目名称: s }, '2026').value.title).toBe(s)
    const rows = [parsed(brands, good, '2026', 2), parsed(brands, { ...good, 项目编号: 'B2', 商会编号: 'C9' }, '2026', 3)]
    expect(brands.check(rows, roster, '2026').errors).toEqual([{ row: 3, column: '商会编号', message: '商会编号“C9”不在 2026-11 商会名册中' }])
    expect(brands.check(rows, noRoster, '2026').errors).toHaveLength(1)
  })
})

describe('片组 (groups)', () => {
  const good = { 片组名称: '西湖片', 组长单位编号: 'C1', 副组长单位编号: 'C2、 C3 ,C4，C5,', 结对机关支部: '会员部党支部' }

  it('reads a good row, splitting deputies on 、 , and ，', () => {
    expect(parsed(groups, good, '2026-11').value).toEqual({ name: '西湖片', leaderChamberId: 'C1', deputyChamberIds: ['C2', 'C3', 'C4', 'C5'], pairedBranch: '会员部党支部' })
    expect(parsed(groups, { ...good, 副组长单位编号: null, 结对机关支部: null }, '2026-11').value)
      .toMatchObject({ deputyChamberIds: [], pairedBranch: null })
    expect(parsed(groups, { ...good, 组长单位编号: 1001, 副组长单位编号: 1002 }, '2026-11').value)
      .toMatchObject({ leaderChamberId: '1001', deputyChamberIds: ['1002'] })
    expect(groups.keyColumn).toBe('片组名称')
    expect(groups.key(parsed(groups, good, '2026-11').value)).toBe('西湖片')
  })

  it('reports every bad cell', () => {
    expect(problems(groups, { 片组名称: '', 组长单位编号: null, 副组长单位编号: { formula: 'A1' }, 结对机关支部: 'x'.repeat(201) }, '2026-11')).toEqual([
      { row: 5, column: '片组名称', message: '不能为空' },
      { row: 5, column: '组长单位编号', message: '不能为空' },
      { row: 5, column: '副组长单位编号', message: '公式没有计算结果（请在 Excel 中重新计算并保存）' },
      { row: 5, column: '结对机关支部', message: '超过 200 字（实为 201 字）' },
    ])
  })

  it('the leader is not also a deputy, and no deputy is named twice (errors)', () => {
    expect(problems(groups, { ...good, 副组长单位编号: 'C2、C1、C2' }, '2026-11')).toEqual([
      { row: 5, column: '副组长单位编号', message: '组长单位“C1”不能同时是副组长单位' },
      { row: 5, column: '副组长单位编号', message: '副组长单位“C2”重复填写' },
    ])
  })

  it('the leader and every deputy are on the roster', () => {
    const rows = [parsed(groups, { ...good, 组长单位编号: 'C7', 副组长单位编号: 'C2、C8' }, '2026-11', 4)]
    expect(groups.check(rows, roster, '2026-11').errors).toEqual([
      { row: 4, column: '组长单位编号', message: '商会编号“C7”不在 2026-11 商会名册中' },
      { row: 4, column: '副组长单位编号', message: '商会编号“C8”不在 2026-11 商会名册中' },
    ])
    expect(groups.check([parsed(groups, { ...good, 副组长单位编号: 'C2、C3' }, '2026-11')], roster, '2026-11')).toEqual({ errors: [], warnings: [] })
    expect(groups.check(rows, noRoster, '2026-11').errors).toEqual([
      { row: null, column: null, message: '尚无商会名册，无法核对商会编号：请先导入商会名册，再导入片组' },
    ])
  })
})

describe('大事记 (events)', () => {
  const good = { 日期: '2026/10/15', 类型: '口径调整', 说明: '会员数改按实名会员统计', 指标: '会员数' }

  it('reads a good row; an empty 指标 concerns every series', () => {
    const row = parsed(events, good, '').value
    expect(row).toEqual({ date: '2026-10-15', kind: 'definition', label: '会员数改按实名会员统计', metric: 'members' })
    expect(events.key(row)).toBe('2026-10-15 会员数改按实名会员统计')
    expect(events.keyColumn).toBe('说明')
    expect(parsed(events, { ...good, 类型: 'brand', 指标: null }, '').value).toMatchObject({ kind: 'brand', metric: null })
    expect(parsed(events, { ...good, 指标: 'coverage' }, '').value.metric).toBe('coverage')
  })

  it('reports every bad cell, keeps the sentence verbatim, refers to nothing', () => {
    expect(problems(events, { 日期: '十月', 类型: '通知', 说明: null, 指标: '学习积分' }, '')).toEqual([
      { row: 5, column: '日期', message: '应为日期（如 2026-11-02、2026/11/2、2026年11月2日），实为“十月”' },
      { row: 5, column: '类型', message: '应为 评定 / 口径调整 / 品牌 / 其他 之一（或其编号），实为“通知”' },
      { row: 5, column: '说明', message: '不能为空' },
      { row: 5, column: '指标', message: '应为 商会数 / 会员数 / 建立党组织商会数 / 覆盖率 / 计划报备率 之一（或其编号），实为“学习积分”' },
    ])
    for (const s of nasty)
      expect(parsed(events, { ...good, 说明: s }, '').value.label).toBe(s)
    expect(events.check([parsed(events, good, '')], noRoster, '')).toEqual({ errors: [], warnings: [] })
  })
})
