/** The import history in staff's words: what each entry is now. Pure. */
import type { HistoryEntry } from '~/service/answers.ts'

/**
 * `current`: in force for its kind and period (it may be withdrawn); `withdrawn`: an import
 * taken back; `withdrawal`: the record of taking one back; `replaced`: a later import of the
 * same kind and period is in force instead.
 */
export type HistoryState = 'current' | 'withdrawn' | 'withdrawal' | 'replaced'

export function historyState(e: Pick<HistoryEntry, 'action' | 'current' | 'withdrawnAt'>): HistoryState {
  if (e.action === 'withdraw')
    return 'withdrawal'
  if (e.withdrawnAt !== null)
    return 'withdrawn'
  return e.current ? 'current' : 'replaced'
}

/** The first 12 hex digits: enough to tell files apart, and what the feed's sources name. */
export const shortSha = (sha256: string) => sha256.slice(0, 12)
