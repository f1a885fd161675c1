/**
 * What an import would change in its period: rows added, changed, removed and unchanged, by the
 * kind's key, with a bounded sample of each change for the dry run to show.
 */
import { canonical } from './canonical.ts'

export interface RowChange {
  change: 'added' | 'changed' | 'removed'
  key: string
  /** The file's row (added, changed) as Excel numbers it. */
  row: number | null
  before: unknown
  after: unknown
}

export interface Diff {
  added: number
  changed: number
  removed: number
  unchanged: number
  /** The first changes, in file order, then the removed ones. */
  sample: RowChange[]
}

/** Enough to review a month's changes on a page; a whole roster's worth would be noise. */
export const SAMPLE_LIMIT = 2000

export function diffRows(
  before: ReadonlyMap<string, unknown>,
  after: readonly { n: number, key: string, data: unknown }[],
): Diff {
  const diff: Diff = { added: 0, changed: 0, removed: 0, unchanged: 0, sample: [] }
  const note = (c: RowChange) => {
    if (diff.sample.length < SAMPLE_LIMIT)
      diff.sample.push(c)
  }
  const seen = new Set<string>()
  for (const r of after) {
    seen.add(r.key)
    const old = before.get(r.key)
    if (old === undefined) {
      diff.added++
      note({ change: 'added', key: r.key, row: r.n, before: null, after: r.data })
    }
    else if (canonical(old) !== canonical(r.data)) {
      diff.changed++
      note({ change: 'changed', key: r.key, row: r.n, before: old, after: r.data })
    }
    else {
      diff.unchanged++
    }
  }
  for (const [key, old] of before) {
    if (!seen.has(key)) {
      diff.removed++
      note({ change: 'removed', key, row: null, before: old, after: null })
    }
  }
  return diff
}
