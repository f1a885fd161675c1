/**
 * `demo`: the demo world loaded through the import path, month by month, as the files staff
 * keep; `demo --clear` takes it out again. Demo and real data never mix (pipeline.ts).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import { runImport } from '../commit/pipeline.ts'
import { demoFiles } from '../demo/world.ts'
import { monthKinds } from '../feed/month-figures.ts'
import { shanghaiDate } from '../feed/time.ts'
import { bumpVersion, dataOrigin } from '../store/imports.ts'
import { refreshMonth } from '../store/months.ts'
import { CliError, note } from './out.ts'

export async function loadDemo(db: Kysely<Database>, options: { today?: string, scale?: number, quiet?: boolean } = {}): Promise<void> {
  const origin = await dataOrigin(db)
  if (origin === 'real')
    throw new CliError('数据库中已有真实数据，演示数据不会载入')
  if (origin === 'demo')
    throw new CliError('演示数据已载入；要重新载入，请先运行 demo --clear')
  const today = options.today ?? shanghaiDate(Date.now())
  for await (const step of demoFiles({ today, scale: options.scale ?? 1 })) {
    if (!options.quiet)
      note(`载入演示数据：第 ${step.index}/${step.total} 个月（${step.month}，${step.files.length ? `${step.files.length} 个文件` : '无文件：演示数据中缺报的一个月'}）`)
    for (const file of step.files) {
      const outcome = await runImport(db, { kind: file.kind, period: file.period, file: { name: file.name, bytes: file.bytes, contentType: file.contentType }, who: 'demo', dryRun: false, demo: true })
      if ('error' in outcome)
        throw new CliError(`演示文件 ${file.name} 未能导入：${outcome.error.message}`)
      if (!outcome.answer.ok)
        throw new CliError(`演示文件 ${file.name} 未能导入：${outcome.answer.errors.slice(0, 3).map(e => `第 ${e.row ?? '-'} 行 ${e.column ?? ''} ${e.message}`).join('；')}`)
    }
  }
}

/** Takes the demo world out in one transaction; real imports (there are none) stay. */
export async function clearDemo(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const months = await trx.selectFrom('imports').select('period').distinct().where('demo', '=', true).where('kind', 'in', [...monthKinds]).execute()
    await trx.deleteFrom('imports').where('demo', '=', true).where('action', '=', 'withdraw').execute()
    const { numDeletedRows } = await trx.deleteFrom('imports').where('demo', '=', true).executeTakeFirst()
    for (const { period } of months)
      await refreshMonth(trx, period)
    await trx.deleteFrom('published').execute()
    await bumpVersion(trx)
    return Number(numDeletedRows)
  })
}
