/**
 * Which roster an import's 商会编号 are checked against (service-contract.md, "References
 * across kinds"), and which 片组 a roster's rows may name.
 */
import type { Kysely, Transaction } from 'kysely'
import type { ImportKind } from '../../src/import-kinds.ts'
import type { ImportProblem, References } from '../imports/types.ts'
import type { Database } from '../store/schema.ts'
import { currentImport, importKeys, importRows, latestPeriod } from '../store/imports.ts'

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

const dependents = [['party', '党组织'], ['plans', '计划报备'], ['groups', '片组']] as const

/**
 * A roster that drops chambers the month's party organisations, plans or groups still name: those
 * rows stop counting (a chamber not on the roster is not in the figures). Said before it is
 * stored, so staff can re-import the other file too.
 */
export async function leftBehind(db: Db, month: string, roster: ReadonlySet<string>): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = []
  for (const [kind, name] of dependents) {
    const found = await currentImport(db, kind, month)
    if (!found)
      continue
    const rows = await importRows<{ chamberId?: string, leaderChamberId?: string, deputyChamberIds?: string[] }>(db, found.id)
    const named = new Set(rows.flatMap(r => kind === 'groups' ? [r.data.leaderChamberId ?? '', ...(r.data.deputyChamberIds ?? [])] : [r.data.chamberId ?? '']))
    const gone = [...named].filter(id => id && !roster.has(id))
    if (gone.length) {
      const shown = gone.slice(0, 10).join('、') + (gone.length > 10 ? ` 等 ${gone.length} 个` : '')
      problems.push({ row: null, column: '商会编号', message: `${month} 的${name}中有商会不在此名册中，将不再计入：${shown}` })
    }
  }
  return problems
}
