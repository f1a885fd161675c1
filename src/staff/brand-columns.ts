/** The columns of a "两类五型" brand-project list: every project on the oversight page, and a chamber's own. */
import type { BrandRow } from '~/figures/oversight/brand.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { Column } from '~/tables/table.ts'
import { formatDecimal } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'

export function brandColumns(t: Translate, options: { withChamber: boolean, unscored: string }): Column<BrandRow>[] {
  const chamber: Column<BrandRow> = {
    key: 'chamber',
    label: t('brand.chamber'),
    value: r => r.chamberName,
    // A project naming a chamber the roster does not list is a data warning: said, and not linked.
    empty: r => t('common.unknownChamber', { id: r.chamberId }),
    tone: r => r.chamberName === null ? 'warn' : null,
    link: r => r.chamberName === null ? null : paths.chamber(r.chamberId),
  }
  return [
    { key: 'title', label: t('brand.project'), value: r => r.title, badge: r => r.firstBatch ? { text: t('brand.firstBatch') } : null },
    ...options.withChamber ? [chamber] : [],
    { key: 'type', label: t('brand.type'), value: r => t(`brandType.${r.type}`) },
    // A year is a name, not a count: 2020, never 2,020.
    { key: 'year', label: t('brand.year'), numeric: true, value: r => r.year ?? null, text: r => String(r.year) },
    { key: 'status', label: t('brand.status'), value: r => t(`brandStatus.${r.status}`) },
    { key: 'score', label: t('brand.score'), numeric: true, value: r => r.score ?? null, text: r => formatDecimal(r.score), empty: () => options.unscored },
  ]
}
