/**
 * The import kinds of the data service, as a contract (service-contract.md, "Kinds" and
 * "Columns"): which files go in, the period each one covers, its columns and the words its
 * cells may hold. The service reads files by these declarations; the cockpit's import page
 * names kinds and columns from them. Nothing here reads a file or a database.
 */
import type { brandProjectStatuses, brandProjectTypes, eventKinds, monthlyMetrics, partyOrgTypes } from './feed/schema.ts'
import { districtNames } from './feed/schema.ts'

export const importKinds = ['groups', 'chambers', 'party', 'plans', 'totals', 'study', 'brands', 'events'] as const
export type ImportKind = typeof importKinds[number]

/** What one import of a kind replaces: a month's, a day's, a year's figures, or the whole list. */
export type PeriodKind = 'month' | 'day' | 'year' | 'none'

export interface ColumnSpec {
  /** The header as staff type it; matched after trimming (full-width spaces too). */
  header: string
  required: boolean
  /** What the cell may hold, for the template's 说明 sheet and the import page. */
  note: string
}

export interface KindSpec {
  kind: ImportKind
  /** The kind's 中文 name; a workbook's sheet of this name (or the kind's id) is read. */
  name: string
  period: PeriodKind
  /** What one import replaces, in words. */
  replaces: string
  /** The source system its figures come from, unless the import names another. */
  system: string
  columns: readonly ColumnSpec[]
}

/** The five 类别, by the feed's category id. */
export const categoryNames = {
  industry: '行业商会、行业协会',
  nonlocal: '异地商会',
  market: '市场（园区、楼宇）商会',
  grassroots: '区县市镇街商会',
  other: '其他商会',
} as const
export type CategoryId = keyof typeof categoryNames
export const categoryIds = Object.keys(categoryNames) as CategoryId[]
/** The totals file's row for the reported whole: the feed's `summary`. */
export const TOTAL_ROW = '合计'

/** The 13 区县市 of 杭州市 since the 2021 re-division (domain.md). */

export const partyOrgTypeNames: Record<typeof partyOrgTypes[number], string> = {
  'committee': '党委',
  'general-branch': '党总支',
  'branch': '党支部',
  'joint-branch': '联合党支部',
}

export const brandTypeNames: Record<typeof brandProjectTypes[number], string> = {
  fortress: '坚强战斗堡垒',
  cohesion: '团结凝聚商会',
  development: '助力企业发展',
  integrity: '推进清廉建设',
  responsibility: '承担社会责任',
}

export const brandStatusNames: Record<typeof brandProjectStatuses[number], string> = {
  declared: '已申报',
  evaluated: '已评估',
  awarded: '已授牌',
}

export const eventKindNames: Record<typeof eventKinds[number], string> = {
  rating: '评定',
  definition: '口径调整',
  brand: '品牌',
  other: '其他',
}

/** The monthly series an event may concern; empty = all of them. */
export const eventMetricNames: Record<typeof monthlyMetrics[number], string> = {
  chambers: '商会数',
  members: '会员数',
  partyOrgChambers: '建立党组织商会数',
  coverage: '覆盖率',
  planFiling: '计划报备率',
}

const list = (names: readonly string[]) => names.join(' / ')
const YES_NO = '是 / 否（也可写 是的、Y/N、TRUE/FALSE、1/0）'
const DATE = '日期，如 2026-11-02、2026/11/2、2026年11月2日'
const COUNT = '非负整数，如 1,234'
const CHAMBER_ID = '商会编号，须在当月商会名册中'
const col = (header: string, required: boolean, note: string): ColumnSpec => ({ header, required, note })

export const kindSpecs: Record<ImportKind, KindSpec> = {
  groups: {
    kind: 'groups',
    name: '片组',
    period: 'month',
    replaces: '当月的片组',
    system: '数字工商联',
    columns: [
      col('片组名称', true, '片组的名称，当月内不重复'),
      col('组长单位编号', true, CHAMBER_ID),
      col('副组长单位编号', false, '商会编号，多个以 、 , 或 ， 分隔'),
      col('结对机关支部', false, '结对共建的机关部室党支部'),
    ],
  },
  chambers: {
    kind: 'chambers',
    name: '商会名册',
    period: 'month',
    replaces: '当月的全部商会名册',
    system: '数字工商联',
    columns: [
      col('商会编号', true, '商会的编号，文件内不重复'),
      col('商会名称', true, '商会的全称'),
      col('类别', true, `${list(Object.values(categoryNames))}（或其编号 ${list(categoryIds)}）`),
      col('区县市', false, `${list(districtNames)}；其他写法照录，显示为“其他/未注明”`),
      col('片组', false, '当月片组的名称，可空'),
      col('直属', true, YES_NO),
      col('会员数', true, COUNT),
      col('最近活动日期', false, DATE),
    ],
  },
  party: {
    kind: 'party',
    name: '党组织',
    period: 'month',
    replaces: '当月的党组织（名册中不在此文件的商会当月无党组织）',
    system: '全国党员信息管理系统',
    columns: [
      col('商会编号', true, CHAMBER_ID),
      col('党组织名称', true, '党组织的全称'),
      col('党组织类型', true, list(Object.values(partyOrgTypeNames))),
      col('党员数', true, COUNT),
      col('星级', false, '1–5 的整数'),
      col('书记列席理事会', false, YES_NO),
    ],
  },
  plans: {
    kind: 'plans',
    name: '计划报备',
    period: 'month',
    replaces: '当月的计划报备',
    system: '西湖先锋智慧党建工作平台',
    columns: [
      col('商会编号', true, CHAMBER_ID),
      col('年度计划已报备', true, YES_NO),
      col('月度计划报备日期', false, `${DATE}，须在当月内；空 = 当月尚未报备`),
    ],
  },
  totals: {
    kind: 'totals',
    name: '上报总数',
    period: 'month',
    replaces: '当月的上报总数',
    system: '数字工商联',
    columns: [
      col('类别', true, `${list(Object.values(categoryNames))}，各一行，另有一行“${TOTAL_ROW}”`),
      col('商会数', true, COUNT),
      col('会员数', true, COUNT),
      col('建立党组织商会数', false, COUNT),
      col('截至日期', false, `${DATE}；空 = 当月最后一天`),
    ],
  },
  study: {
    kind: 'study',
    name: '学习积分',
    period: 'day',
    replaces: '当日的个人积分',
    system: '学习强国',
    columns: [
      col('学员编号', true, '学员在学习强国的编号，文件内不重复'),
      col('姓名', true, '学员姓名'),
      col('商会编号', true, '商会编号，须在当日所在月（否则最近一月）的商会名册中'),
      col('今日积分', true, '非负数'),
      col('总积分', true, '非负数'),
    ],
  },
  brands: {
    kind: 'brands',
    name: '两类五型',
    period: 'year',
    replaces: '当年的特色党建品牌项目',
    system: '数字工商联',
    columns: [
      col('项目编号', true, '项目的编号，文件内不重复'),
      col('商会编号', true, CHAMBER_ID),
      col('类型', true, list(Object.values(brandTypeNames))),
      col('项目名称', true, '项目的名称'),
      col('得分', false, '0–100'),
      col('状态', true, list(Object.values(brandStatusNames))),
    ],
  },
  events: {
    kind: 'events',
    name: '大事记',
    period: 'none',
    replaces: '全部大事记',
    system: '数字工商联',
    columns: [
      col('日期', true, DATE),
      col('类型', true, list(Object.values(eventKindNames))),
      col('说明', true, '一句话说明'),
      col('指标', false, `${list(Object.values(eventMetricNames))}；空 = 全部指标`),
    ],
  },
}

export function isImportKind(x: string): x is ImportKind {
  return (importKinds as readonly string[]).includes(x)
}

const PERIOD_RE: Record<PeriodKind, RegExp> = {
  month: /^\d{4}-(?:0[1-9]|1[0-2])$/,
  day: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  year: /^\d{4}$/,
  none: /^$/,
}

/** Whether `period` is a period of the kind: `2026-11`, `2026-11-26`, `2026`, or empty for events. */
export function isPeriodOf(kind: ImportKind, period: string): boolean {
  const type = kindSpecs[kind].period
  if (!PERIOD_RE[type].test(period))
    return false
  // A day must exist (2026-02-30 does not): the UTC date of it must read back the same.
  return type !== 'day' || new Date(`${period}T00:00:00Z`).toISOString().startsWith(period)
}

/** How a period of the kind is written, for messages. */
export const periodExamples: Record<PeriodKind, string> = {
  month: 'YYYY-MM，如 2026-11',
  day: 'YYYY-MM-DD，如 2026-11-26',
  year: 'YYYY，如 2026',
  none: '空（大事记不分期）',
}

/** The kind's current period on a Shanghai calendar date `today` (YYYY-MM-DD). */
export function currentPeriod(kind: ImportKind, today: string): string {
  const type = kindSpecs[kind].period
  return type === 'month' ? today.slice(0, 7) : type === 'day' ? today : type === 'year' ? today.slice(0, 4) : ''
}
