/**
 * Which roster an import's 商会编号 are checked against (service-contract.md, "References
 * across kinds"), and which 片组 a roster's rows may name.
 */
import type { Kysely, Transaction } from 'kysely'
import type { ImportKind } from '../../src/import-kinds.ts'
import type { Database } from '../store/schema.ts'
import type { References } from './types.ts'
import { currentImport, importKeys, latestPeriod } from '../store/imports.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The roster month a kind's period refers to, and whether a later fallback is allowed. */
function rosterRule(kind: ImportKind, period: string): { month: string, fallback: boolean } | null {
  switch (kind) {
    case 'party':
    case 'plans':
      return { month: period, fallback: false }
    // Groups may be set up before their month's roster arrives, and study days come before
    // the month's roster is in: both read the latest roster then.
    case 'groups':
      return { month: period, fallback: true }
    case 'study':
      return { month: period.slice(0, 7), fallback: true }
    case 'brands':
      return { month: `${period}-12`, fallback: true }
    default:
      return null
  }
}

async function rosterOf(db: Db, month: string): Promise<{ ids: Set<string>, month: string } | null> {
  const found = await currentImport(db, 'chambers', month)
  return found ? { ids: await importKeys(db, found.id), month } : null
}

export async function loadReferences(db: Db, kind: ImportKind, period: string): Promise<References> {
  const refs: References = { roster: null, rosterPeriod: null, groupNames: null }
  const rule = rosterRule(kind, period)
  if (rule) {
    let roster = await rosterOf(db, rule.month)
    if (!roster && rule.fallback) {
      const month = await latestPeriod(db, 'chambers', rule.month) ?? await latestPeriod(db, 'chambers')
      roster = month ? await rosterOf(db, month) : null
    }
    if (roster) {
      refs.roster = roster.ids
      refs.rosterPeriod = roster.month
    }
  }
  if (kind === 'chambers') {
    const groups = await currentImport(db, 'groups', period)
    refs.groupNames = groups ? await importKeys(db, groups.id) : null
  }
  return refs
}
