/**
 * Where a category's reported totals and its listed chambers differ, the difference in plain
 * words. Both numbers are shown as they are: the reported one is never adjusted.
 */
import type { Category } from '~/feed/schema.ts'
import type { ListedFigures } from '~/figures/listed.ts'
import { formatCount } from '~/figures/coverage.ts'

function gap(reported: string, listed: string, a: number, b: number): string[] {
  if (a === b)
    return []
  return [`${reported} ${formatCount(a)} 个，${listed} ${formatCount(b)} 个，相差 ${formatCount(Math.abs(a - b))} 个`]
}

export function categoryGaps(category: Category, listed: ListedFigures): string[] {
  return [
    ...gap('报告商会数', '所列商会', category.chamberCount, listed.chamberCount),
    ...gap('报告会员数', '所列商会会员合计', category.memberCount, listed.memberCount),
    ...(category.partyOrgChamberCount === undefined
      ? []
      : gap('报告建立党组织的商会', '所列商会中建立党组织的', category.partyOrgChamberCount, listed.partyOrgChamberCount)),
  ]
}
