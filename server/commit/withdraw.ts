/**
 * Withdrawing a commit: its period reads as it did before it, and the withdrawal is logged
 * beside the imports. Only the import in force can be withdrawn: taking back an older one would
 * change nothing anyone sees, and would make the history lie about what was in force when.
 */
import type { Kysely } from 'kysely'
import type { StoredImport } from '../store/imports.ts'
import type { Database } from '../store/schema.ts'
import type { ServiceError } from './pipeline.ts'
import { kindSpecs } from '../../src/import-kinds.ts'
import { bumpVersion, currentImport, findImport, importBefore, isLockTimeout, lockPeriod, withdrawImport } from '../store/imports.ts'
import { isMonthKind, refreshMonth } from '../store/months.ts'
import { LOCK_WAIT_SECONDS } from './pipeline.ts'

/** The import a period goes back to, as the confirmation names it. */
export interface RestoredImport {
  importId: number
  fileName: string
  at: string
  rows: number
}

export interface WithdrawAnswer {
  ok: true
  /** True: nothing was changed; the answer says what a withdrawal would do. */
  dryRun: boolean
  importId: number
  /** The withdrawal's own entry in the history; null on a dry run. */
  withdrawalId: number | null
  kind: string
  period: string
  /** The import the period reads from now (or would), or null: the period is empty again. */
  restoredImportId: number | null
  restored: RestoredImport | null
}

const restoredOf = (i: StoredImport | null): RestoredImport | null => i && { importId: i.id, fileName: i.fileName, at: i.at.toISOString(), rows: i.rows }

export type WithdrawOutcome = { status: 200, answer: WithdrawAnswer } | { status: 404 | 409, error: ServiceError }

export async function withdraw(db: Kysely<Database>, importId: number, who: string, dryRun = false): Promise<WithdrawOutcome> {
  const target = await findImport(db, importId)
  if (!target || target.action !== 'import')
    return { status: 404, error: { code: 'NOT_FOUND', message: `没有编号为 ${importId} 的导入` } }
  const spec = kindSpecs[target.kind]
  try {
    return await db.transaction().execute(async (trx): Promise<WithdrawOutcome> => {
      await lockPeriod(trx, target.kind, target.period, LOCK_WAIT_SECONDS)
      const now = await currentImport(trx, target.kind, target.period)
      if (now?.id !== target.id) {
        const message = now === null || (await findImport(trx, importId))?.withdrawnAt
          ? `导入 ${importId} 已撤回`
          : `导入 ${importId} 不是${spec.name}（${target.period || '全部'}）当前生效的导入（当前为 ${now.id}），只能撤回当前生效的导入`
        return { status: 409, error: { code: 'NOT_CURRENT', message } }
      }
      const base = { ok: true as const, importId, kind: target.kind, period: target.period }
      if (dryRun) {
        const restored = await importBefore(trx, target)
        return { status: 200, answer: { ...base, dryRun, withdrawalId: null, restoredImportId: restored?.id ?? null, restored: restoredOf(restored) } }
      }
      const withdrawalId = await withdrawImport(trx, target, who)
      const restored = await currentImport(trx, target.kind, target.period)
      if (isMonthKind(target.kind))
        await refreshMonth(trx, target.period)
      await bumpVersion(trx)
      return { status: 200, answer: { ...base, dryRun, withdrawalId, restoredImportId: restored?.id ?? null, restored: restoredOf(restored) } }
    })
  }
  catch (e) {
    if (isLockTimeout(e))
      return { status: 409, error: { code: 'BUSY', message: `${spec.name}（${target.period || '全部'}）正在导入，请稍后再试` } }
    throw e
  }
}
