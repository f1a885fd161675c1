import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { CategoryBreakdown } from '~/figures/categories.ts'
import type { Translate } from '~/i18n/translate.ts'
import { categoryColour, categoryOrder } from '~/charts/palette.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

type KnownCategory = typeof categoryOrder[number]
const isKnown = (id: string): id is KnownCategory => (categoryOrder as readonly string[]).includes(id)

/**
 * The five known categories by a short label of our own, which keeps the bars wide; any other
 * category by its feed name. The feed's full name is in the tooltip.
 */
function label(t: Translate, id: string, name: string): string {
  return isKnown(id) ? t(`category.${id}`) : name
}

/** Chambers or members by category, each bar in its category's colour. */
export function categoryCountsOption(b: CategoryBreakdown, measure: 'chamberCount' | 'memberCount', ctx: PanelContext): ChartOption {
  const { t, palette } = ctx
  const total = measure === 'chamberCount' ? b.chamberSum : b.memberSum
  return barsOption({
    bars: b.rows.map((r, i) => ({
      name: label(t, r.id, r.name),
      value: r[measure],
      label: t('common.count', { n: formatCount(r[measure]) }),
      colour: categoryColour(palette, r.id, i),
      detail: t('chart.shareOfCategories', { name: r.name, pct: formatPercent(total > 0 ? r[measure] / total : null) }),
      ref: paths.category(r.id),
    })),
  }, ctx)
}

/** Party-organisation coverage per category against the city-wide figure. */
export function categoryCoverageOption(b: CategoryBreakdown, city: number | null, ctx: PanelContext): ChartOption {
  const { t, palette } = ctx
  return barsOption({
    max: 1,
    bars: b.rows.map((r, i) => ({
      name: label(t, r.id, r.name),
      value: r.coverage ?? 0,
      label: r.implausible ? t('figure.implausible') : r.coverage === null ? t('chart.noData') : formatPercent(r.coverage),
      colour: categoryColour(palette, r.id, i),
      detail: r.partyOrgChamberCount === null
        ? t('chart.orgsNotReported', { name: r.name })
        : t('chart.orgsOfChambers', { name: r.name, orgs: formatCount(r.partyOrgChamberCount), chambers: formatCount(r.chamberCount) }),
      ref: paths.category(r.id),
    })),
    ...(city === null ? {} : { reference: { value: city, label: t('chart.cityRef', { pct: formatPercent(city) }) } }),
  }, ctx)
}
