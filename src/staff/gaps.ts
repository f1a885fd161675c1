/**
 * Where a category's reported totals and its listed chambers differ, the difference in plain
 * words. Both numbers are shown as they are: the reported one is never adjusted.
 */
import type { Category } from '~/feed/schema.ts'
import type { ListedFigures } from '~/figures/listed.ts'
import type { Translate } from '~/i18n/translate.ts'
import { formatCount } from '~/format/numbers.ts'

type GapKey = 'gap.chambers' | 'gap.members' | 'gap.partyOrg'

export function categoryGaps(category: Category, listed: ListedFigures, t: Translate): string[] {
  const gap = (key: GapKey, a: number, b: number) =>
    a === b ? [] : [t(key, { a: formatCount(a), b: formatCount(b), d: formatCount(Math.abs(a - b)) })]
  return [
    ...gap('gap.chambers', category.chamberCount, listed.chamberCount),
    ...gap('gap.members', category.memberCount, listed.memberCount),
    ...(category.partyOrgChamberCount === undefined ? [] : gap('gap.partyOrg', category.partyOrgChamberCount, listed.partyOrgChamberCount)),
  ]
}
