/**
 * The staff tables' long lists, asked of the feed worker: a source per scope that answers a page
 * or an export, and is replaced whenever the sections it reads change, so an open table shows
 * the newest snapshot without a reload.
 */
import type { ChamberColumnKey, LearnerColumnKey } from './chamber-columns.ts'
import type { SectionName } from '~/feed/schema.ts'
import type { Answer, ChamberScope, LearnerScope, Query } from '~/snapshot/queries.ts'
import type { ChamberRow, LearnerRow } from '~/snapshot/rows.ts'
import type { RowSource } from '~/tables/source.ts'
import { computed, shallowRef, watch } from 'vue'
import { t } from '~/i18n/index.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { chamberCsvColumns, learnerCsvColumns } from './chamber-columns.ts'

function useVersion(names: readonly SectionName[]) {
  const store = useCockpitStore()
  return () => names.map(n => store.sections[n].fingerprint).join('|')
}

export function useChamberSource(scope: () => ChamberScope, omit: readonly ChamberColumnKey[] = []) {
  const store = useCockpitStore()
  const version = useVersion(['chambers', 'categories', 'districtGroups', 'study'])
  return computed((): RowSource<ChamberRow> => {
    const s = scope()
    version() // read, so a new snapshot makes a new source
    return {
      page: table => store.query({ kind: 'chambers', scope: s, table }),
      csv: table => store.query({ kind: 'chambers-csv', scope: s, table, columns: chamberCsvColumns(t, omit) }),
    }
  })
}

export function useLearnerSource(scope: () => LearnerScope, omit: readonly LearnerColumnKey[] = []) {
  const store = useCockpitStore()
  const version = useVersion(['chambers', 'study'])
  return computed((): RowSource<LearnerRow> => {
    const s = scope()
    version()
    return {
      page: table => store.query({ kind: 'learners', scope: s, table }),
      csv: table => store.query({ kind: 'learners-csv', scope: s, table, columns: learnerCsvColumns(t, omit) }),
    }
  })
}

/**
 * The answer to a query, asked again when the query or the snapshot changes. `undefined` until
 * the first answer arrives; the last answer stays shown while the next is on its way.
 */
export function useAnswer<Q extends Query>(query: () => Q, reads: readonly SectionName[]) {
  const store = useCockpitStore()
  const version = useVersion(reads)
  const answer = shallowRef<Answer<Q> | undefined>(undefined)
  const failed = shallowRef<string | null>(null)
  let asked = 0
  watch(() => [JSON.stringify(query()), version()], async () => {
    const mine = ++asked
    try {
      const a = await store.query(query())
      if (mine === asked) {
        answer.value = a
        failed.value = null
      }
    }
    catch (error) {
      if (mine === asked)
        failed.value = error instanceof Error ? error.message : String(error)
    }
  }, { immediate: true })
  return { answer, failed }
}
