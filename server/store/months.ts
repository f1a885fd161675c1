/**
 * A month's state across kinds (roster, party organisations, plans, groups, totals) and the
 * figures kept for it. The figures are recomputed inside the transaction of every change to the
 * month, so the series read one small row a month and are never out of step with the rows.
 */
import type { Kysely, Transaction } from 'kysely'
import type { MonthState } from '../feed/inputs.ts'
import type { Database } from './schema.ts'
import { monthFigures, monthKinds } from '../feed/month-figures.ts'
import { currentImport, metaOf, rowsOf } from './imports.ts'

type Db = Kysely<Database> | Transaction<Database>

export async function monthState(db: Db, month: string): Promise<MonthState> {
  const state: MonthState = { month, chambers: null, party: null, plans: null, groups: null, totals: null }
  for (const kind of monthKinds) {
    const found = await currentImport(db, kind, month)
    if (found)
      (state as unknown as Record<string, unknown>)[kind] = { meta: metaOf(found), rows: await rowsOf(db, found.id) }
  }
  return state
}

export function isMonthKind(kind: string): kind is typeof monthKinds[number] {
  return (monthKinds as readonly string[]).includes(kind)
}

export async function refreshMonth(trx: Transaction<Database>, month: string): Promise<void> {
  const figures = monthFigures(await monthState(trx, month))
  await trx.deleteFrom('month_figures').where('month', '=', month).execute()
  if (figures)
    await trx.insertInto('month_figures').values({ month, figures: JSON.stringify(figures) }).execute()
}
