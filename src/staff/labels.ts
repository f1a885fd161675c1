import type { WarningKind } from '~/feed/references.ts'
/** The feed's codes in the words staff use (domain.md's word list). */
import type { BrandProject, PartyOrg, SectionName } from '~/feed/schema.ts'

export const partyOrgTypeLabels: Record<PartyOrg['type'], string> = {
  'committee': '党委',
  'general-branch': '党总支',
  'branch': '党支部',
  'joint-branch': '联合党支部',
}

/** "两类五型": one comprehensive type, four specialised. */
export const brandTypeLabels: Record<BrandProject['type'], string> = {
  fortress: '坚强战斗堡垒',
  cohesion: '团结凝聚商会',
  development: '助力企业发展',
  integrity: '推进清廉建设',
  responsibility: '承担社会责任',
}

export const brandStatusLabels: Record<BrandProject['status'], string> = {
  declared: '已申报',
  evaluated: '已评定',
  awarded: '已授牌',
}

export const sectionLabels: Record<SectionName, string> = {
  summary: '全市总数（summary）',
  categories: '商会分类（categories）',
  history: '历年数据（history）',
  districtGroups: '片组（districtGroups）',
  chambers: '商会名录（chambers）',
  study: '学习强国（study）',
  brandProjects: '党建品牌（brandProjects）',
}

export const warningKindLabels: Record<WarningKind, { title: string, action: string }> = {
  'duplicate-id': { title: '编号重复', action: '同一编号出现多次，驾驶舱只显示第一条；请数据平台去重。' },
  'unknown-category': { title: '商会类别不存在', action: '商会所填类别不在分类清单中；请核对商会的类别编号。' },
  'unknown-group': { title: '片组不存在', action: '商会所填片组不在片组清单中；请核对商会的片组编号。' },
  'unknown-chamber': { title: '引用的商会不存在', action: '片组、学习强国或品牌项目引用了名录中没有的商会；请补录商会或更正编号。' },
  'totals-differ': { title: '报告数与明细合计不一致', action: '报告总数与分项合计不符；驾驶舱照原样显示报告数，请核对来源数据。' },
}
