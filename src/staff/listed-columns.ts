/**
 * The columns of every table of chambers counted together (a district, a 片组, a category within a
 * district): how many chambers and members, how many with a party organisation, and the coverage.
 */
import type { ChamberSums } from '~/figures/listed.ts'
import type { FigureId } from '~/figures/provenance.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { CellSource, Column } from '~/tables/table.ts'
import { formatPercent } from '~/format/numbers.ts'

type Counted = Pick<ChamberSums, 'chamberCount' | 'memberCount' | 'partyOrgChamberCount' | 'coverage'>

/**
 * A scope without chambers says so rather than 0 %; given the city's coverage, a scope below it
 * is said in words and in the warning colour.
 */
export function listedColumns<T extends Counted>(t: Translate, city: number | null = null): Column<T>[] {
  const below = (r: T) => city !== null && r.coverage !== null && r.coverage < city
  // One card a column, on its heading: each figure is summed from the rows' own listed chambers.
  const head = (figure: FigureId, label: string): CellSource => ({ label, figure, scope: 'listed', inputs: { listed: null } })
  return [
    { key: 'chambers', label: t('groups.chambers'), numeric: true, value: r => r.chamberCount, headSource: head('chambers', t('groups.chambers')) },
    { key: 'members', label: t('groups.members'), numeric: true, value: r => r.memberCount, headSource: head('members', t('groups.members')) },
    { key: 'partyOrg', label: t('groups.partyOrg'), numeric: true, value: r => r.partyOrgChamberCount, headSource: head('partyOrgChambers', t('groups.partyOrg')) },
    {
      key: 'coverage',
      label: t('groups.coverage'),
      headSource: head('coverage', t('groups.coverage')),
      numeric: true,
      value: r => r.coverage,
      text: r => [formatPercent(r.coverage), ...below(r) ? [t('groups.below')] : []].join(' '),
      empty: () => t('chart.noChambers'),
      tone: r => below(r) ? 'warn' : null,
    },
  ]
}
