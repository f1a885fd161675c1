import type { ChartOption } from '~/charts/setup.ts'
import type { CategoryBreakdown } from '~/figures/categories.ts'
import { categoryColour } from '~/charts/palette.ts'
import { formatCount, formatPercent } from '~/figures/coverage.ts'
import { barsOption } from './bars.ts'

/** Short names keep the bars wide; the full name is in the tooltip. */
const shortNames: Record<string, string> = {
  industry: '行业商会、协会',
  nonlocal: '异地商会',
  market: '市场（园区、楼宇）',
  grassroots: '区县市镇街商会',
  other: '其他商会',
}

function label(id: string, name: string): string {
  return shortNames[id] ?? name
}

/** Chambers (个) or members (家) by category, each bar in its category's colour. */
export function categoryCountsOption(b: CategoryBreakdown, measure: 'chamberCount' | 'memberCount'): ChartOption {
  const unit = '个'
  const total = measure === 'chamberCount' ? b.chamberSum : b.memberSum
  return barsOption({
    bars: b.rows.map((r, i) => ({
      name: label(r.id, r.name),
      value: r[measure],
      label: `${formatCount(r[measure])} ${unit}`,
      colour: categoryColour(r.id, i),
      detail: `${r.name} · 占分类合计 ${formatPercent(total > 0 ? r[measure] / total : null)} %`,
      ref: `/categories/${r.id}`,
    })),
  })
}

/** Party-organisation coverage per category against the city-wide figure. */
export function categoryCoverageOption(b: CategoryBreakdown, city: number | null): ChartOption {
  return barsOption({
    max: 1,
    bars: b.rows.map((r, i) => ({
      name: label(r.id, r.name),
      value: r.coverage ?? 0,
      label: r.coverage === null ? '无数据' : `${formatPercent(r.coverage)} %`,
      colour: categoryColour(r.id, i),
      detail: r.partyOrgChamberCount === null
        ? `${r.name} · 未报党组织数`
        : `${r.name} · ${formatCount(r.partyOrgChamberCount)} / ${formatCount(r.chamberCount)} 个商会建立党组织`,
      ref: `/categories/${r.id}`,
    })),
    ...(city === null ? {} : { reference: { value: city, label: `全市 ${formatPercent(city)} %` } }),
  })
}
