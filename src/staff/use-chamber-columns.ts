import type { ChamberColumnKey } from './chamber-columns.ts'
import { computed } from 'vue'
import { t } from '~/i18n/index.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { chamberColumns } from './chamber-columns.ts'

/** The chamber table's columns over the current snapshot: category and group names, today's points. */
export function useChamberColumns(omit: readonly ChamberColumnKey[] = []) {
  const store = useCockpitStore()
  return computed(() => chamberColumns({
    categoryNames: new Map(store.sections.categories.data?.map(c => [c.id, c.name])),
    groupNames: new Map(store.sections.districtGroups.data?.map(g => [g.id, g.name])),
    points: store.studyPoints,
    t,
  }, omit))
}
