/**
 * A list an admin page reads from the service (users, tokens): asked for when the page shows
 * it, asked again after each change, and its failure in words. A 401 says nothing here: the
 * session has ended and the page shows the sign-in form instead.
 */
import type { Ref, ShallowRef } from 'vue'
import { onMounted, ref, shallowRef } from 'vue'
import { t } from '~/i18n/index.ts'
import { problemOf } from '~/service/problem.ts'
import { problemText } from '~/staff/account/problem-words.ts'

export interface AdminList<T> {
  /** Null until the first answer. */
  rows: ShallowRef<readonly T[] | null>
  failed: Ref<string | null>
  load: () => Promise<void>
}

export function useAdminList<T>(fetch: () => Promise<readonly T[]>): AdminList<T> {
  const rows = shallowRef<readonly T[] | null>(null)
  const failed = ref<string | null>(null)
  async function load() {
    try {
      rows.value = await fetch()
      failed.value = null
    }
    catch (e) {
      const p = problemOf(e)
      if (!p.unauthenticated)
        failed.value = t('users.failed', { reason: problemText(t, p) })
    }
  }
  onMounted(load)
  return { rows, failed, load }
}
