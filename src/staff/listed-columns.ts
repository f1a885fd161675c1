/**
 * The columns of every table of chambers counted together (a district, a 片组, a category within a
 * district): how many chambers and members, how many with a party organisation, and the coverage.
 */
import type { ChamberSums } from '~/figures/listed.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { Column } from '~/tables/table.ts'
import { formatPercent } from '~/format/numbers.ts'

type Counted = Pick<ChamberSums, 'chamberCount' | 'memberCount' | 'partyOrgChamberCount' | 'coverage'>

/**
 * A scope without chambers says so rather than 0 %; given the city's coverage, a scope below it
 * is said in words and in the warning colour.
 */
export function listedColumns<T extends Counted>(t: Translate, city: number | null = null): Column<T>[] {
  const below = (r: T) => city !== null && r.coverage !== null && r.coverage < city
  return [
    { key: 'chambers', label: t('groups.chambers'), numeric: true, value: r => r.chamberCount },
    { key: 'members', label: t('groups.members'), numeric: true, value: r => r.memberCount },
    { key: 'partyOrg', label: t('groups.partyOrg'), numeric: true, value: r => r.partyOrgChamberCount },
    {
      key: 'coverage',
      label: t('groups.coverage'),
      numeric: true,
      value: r => r.coverage,
      text: r => [formatPercent(r.coverage), ...below(r) ? [t('groups.below')] : []].join(' '),
      empty: () => t('chart.noChambers'),
      tone: r => below(r) ? 'warn' : null,
    },
  ]
}
