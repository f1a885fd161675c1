/** The eight import kinds, by kind: what the pipeline reads and checks a file with. */
import type { ImportKind } from '../../../src/import-kinds.ts'
import type { RowOf } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { brands } from './brands.ts'
import { chambers } from './chambers.ts'
import { events } from './events.ts'
import { groups } from './groups.ts'
import { party } from './party.ts'
import { plans } from './plans.ts'
import { study } from './study.ts'
import { totals } from './totals.ts'

export const kindModules: { [K in ImportKind]: KindModule<RowOf[K]> } = {
  groups,
  chambers,
  party,
  plans,
  totals,
  study,
  brands,
  events,
}
