/**
 * One import, the same for HTTP, the command line and the demo: file → read → check rows →
 * one transaction (lock, references, diff, store, month figures, data version). Any error
 * stores nothing; a dry run stores nothing either but answers exactly as the commit would.
 */
import type { Kysely } from 'kysely'
import type { ImportKind } from '../../src/import-kinds.ts'
import type { RowChange } from '../imports/diff.ts'
import type { StudyRow } from '../imports/rows.ts'
import type { AnyKindModule, FileInput, ImportProblem, Parsed } from '../imports/types.ts'
import type { Database } from '../store/schema.ts'
import { createHash } from 'node:crypto'
import { formatDecimal } from '../../src/format/numbers.ts'
import { currentPeriod, isImportKind, isPeriodOf, kindSpecs, periodExamples } from '../../src/import-kinds.ts'
import { shanghaiDate } from '../feed/time.ts'
import { diffRows } from '../imports/diff.ts'
import { kindModules } from '../imports/kinds/index.ts'
import { defaultReadLimits, readFile } from '../imports/read/index.ts'
import { studyDaySummary } from '../imports/study-summary.ts'
import { bumpVersion, currentImport, dataOrigin, importRows, insertImport, isLockTimeout, latestPeriod, lockPeriod } from '../store/imports.ts'
import { isMonthKind, refreshMonth } from '../store/months.ts'
import { leftBehind, loadReferences } from './references.ts'

export interface ImportRequest {
  kind: string
  period: string
  file: FileInput
  /** Who asks: a token's or a user's name, `cli`, `demo`. */
  who: string
  dryRun: boolean
  /** Only the demo loader sets it: demo and real data never mix. */
  demo?: boolean
  /**
   * A commit of what a dry run showed: the import then in force for the kind and period (null,
   * none). Should another have been committed since, nothing is stored and the answer is 409.
   */
  basedOn?: number | null
  /** Told as the work moves on, for a progress bar: reading the file, then checking its rows. */
  onPhase?: (phase: ImportPhase) => void
}

export type ImportPhase = { phase: 'reading' } | { phase: 'checking', rows: number }

/** The answer of service-contract.md, with a sample of the changes for review. */
export interface ImportAnswer {
  ok: boolean
  kind: ImportKind
  period: string
  dryRun: boolean
  rows: number
  added: number
  changed: number
  removed: number
  unchanged: number
  warnings: ImportProblem[]
  errors: ImportProblem[]
  /** The import in force after a commit (the existing one when nothing changed); null otherwise. */
  importId: number | null
  /** The import in force for the kind and period before this one (null: none): a commit sends it back. */
  basedOn: number | null
  /**
   * For a month or year with nothing yet: the period before it that `changes` compares with, and
   * how the file differs from it. Null: `changes` are this period's own (or there is no earlier one).
   */
  comparedWith: ComparedWith | null
  /** The column header of each field of `changes`' before and after: `{ memberCount: '会员数' }`. */
  headers: Readonly<Record<string, string>>
  sha256: string
  changes: RowChange[]
}

export interface ComparedWith {
  period: string
  importId: number
  fileName: string
  added: number
  changed: number
  removed: number
  unchanged: number
}

export interface ServiceError {
  code: string
  message: string
}

export type ImportOutcome
  = | { status: 200 | 422, answer: ImportAnswer }
    | { status: 400 | 404 | 409 | 413 | 503, error: ServiceError }

/** The contract's 20 MB a file: the reader's limit, the one every layer holds files to. */
export const MAX_FILE_BYTES = defaultReadLimits.maxFileBytes
/** How long an import waits for another of the same kind and period before answering 409. */
export const LOCK_WAIT_SECONDS = 15

/** Errors listed in an answer; past these they are counted in one more line. */
const MAX_LISTED = 500

function failure(status: 400 | 404 | 409 | 413 | 503, code: string, message: string): ImportOutcome {
  return { status, error: { code, message } }
}

/** In file order (a problem of the whole file first), the first few hundred, then a count. */
function listed(problems: ImportProblem[]): ImportProblem[] {
  problems = [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  if (problems.length <= MAX_LISTED)
    return problems
  return [...problems.slice(0, MAX_LISTED), { row: null, column: null, message: `另有 ${problems.length - MAX_LISTED} 处问题未列出` }]
}

function answerOf(kind: ImportKind, req: ImportRequest, sha256: string, rows: number, warnings: ImportProblem[], errors: ImportProblem[]): ImportAnswer {
  return { ok: errors.length === 0, kind, period: req.period, dryRun: req.dryRun, rows, added: 0, changed: 0, removed: 0, unchanged: 0, warnings: listed(warnings), errors: listed(errors), importId: null, basedOn: null, comparedWith: null, headers: kindModules[kind].headers, sha256, changes: [] }
}

/** A 商会编号 (or any key) twice in one file is an error naming both rows. */
function duplicateKeys<R>(module: AnyKindModule, parsed: readonly Parsed<R>[]): ImportProblem[] {
  const first = new Map<string, number>()
  const problems: ImportProblem[] = []
  for (const p of parsed) {
    const key = (module.key as (r: R) => string)(p.value)
    const seen = first.get(key)
    if (seen === undefined)
      first.set(key, p.row)
    else problems.push({ row: p.row, column: module.keyColumn, message: `“${key}”重复：第 ${seen} 行已有` })
  }
  return problems
}

/** Thrown to roll a dry run or a refused import back, carrying its answer out. */
class Rollback {
  constructor(readonly outcome: ImportOutcome) {}
}

export function unknownKind(kind: string): ServiceError {
  return { code: 'UNKNOWN_KIND', message: `没有“${kind.slice(0, 40)}”这种导入；可导入：${Object.values(kindSpecs).map(s => `${s.kind}（${s.name}）`).join('、')}` }
}

export async function runImport(db: Kysely<Database>, req: ImportRequest, now = new Date()): Promise<ImportOutcome> {
  if (!isImportKind(req.kind))
    return { status: 404, error: unknownKind(req.kind) }
  const kind = req.kind
  const spec = kindSpecs[kind]
  if (!isPeriodOf(kind, req.period))
    return failure(400, 'BAD_PERIOD', `${spec.name}的期间应为 ${periodExamples[spec.period]}，实为“${req.period.slice(0, 40)}”`)
  // Figures of a period still to come cannot have been counted: such a file would take the
  // wall over with a month nobody has lived yet.
  const current = currentPeriod(kind, shanghaiDate(now.getTime()))
  if (req.period > current)
    return failure(400, 'FUTURE_PERIOD', `${spec.name}的期间 ${req.period} 尚未到来（当前为 ${current}）`)
  if (req.file.bytes.byteLength > MAX_FILE_BYTES)
    return failure(413, 'TOO_LARGE', `文件 ${formatDecimal(req.file.bytes.byteLength / 1048576, { locale: 'zh-CN' })} MB，超过 20 MB 的上限`)
  const sha256 = createHash('sha256').update(req.file.bytes).digest('hex')
  if (req.file.bytes.byteLength === 0)
    return { status: 422, answer: answerOf(kind, req, sha256, 0, [], [{ row: null, column: null, message: '文件是空的' }]) }

  req.onPhase?.({ phase: 'reading' })
  const read = await readFile(req.file, spec)
  if (!read.ok) {
    if (read.failure.status === 413)
      return failure(413, read.failure.code, read.failure.problems.map(p => p.message).join('；'))
    return { status: 422, answer: answerOf(kind, req, sha256, 0, [], read.failure.problems) }
  }
  req.onPhase?.({ phase: 'checking', rows: read.table.rows.length })
  const module = kindModules[kind] as AnyKindModule
  const warnings = [...read.table.warnings]
  const errors: ImportProblem[] = []
  const parsed: Parsed<unknown>[] = []
  for (const row of read.table.rows) {
    const result = module.parse(row, req.period)
    if (result.ok)
      parsed.push({ row: row.row, value: result.value })
    else errors.push(...result.problems)
  }
  errors.push(...duplicateKeys(module, parsed))
  const rows = read.table.rows.length
  if (rows === 0)
    errors.push({ row: null, column: null, message: '表头下没有数据行' })

  const stored = parsed.map(p => ({ n: p.row, key: module.key(p.value), data: p.value }))
  try {
    return await db.transaction().execute(async (trx): Promise<ImportOutcome> => {
      await lockPeriod(trx, kind, req.period, LOCK_WAIT_SECONDS)
      const origin = await dataOrigin(trx)
      if (origin === 'demo' && !req.demo)
        throw new Rollback(failure(409, 'DEMO_LOADED', '数据库中是演示数据，真实数据不能与之混合。请先清除演示数据：npm run server -- demo --clear'))
      if (origin === 'real' && req.demo)
        throw new Rollback(failure(409, 'REAL_DATA', '数据库中已有真实数据，演示数据不能载入其中'))

      // The rows that read are checked across kinds even when others did not, so staff see
      // every problem of the file at once.
      const checked = module.check(parsed, await loadReferences(trx, kind, req.period), req.period)
      warnings.push(...checked.warnings)
      if (kind === 'chambers')
        warnings.push(...await leftBehind(trx, req.period, new Set(stored.map(r => r.key))))
      errors.push(...checked.errors)
      const answer = answerOf(kind, req, sha256, rows, warnings, errors)
      if (errors.length)
        throw new Rollback({ status: 422, answer })

      const before = await currentImport(trx, kind, req.period)
      answer.basedOn = before?.id ?? null
      if (!req.dryRun && req.basedOn !== undefined && req.basedOn !== answer.basedOn)
        throw new Rollback(failure(409, 'STALE', `预检之后，${spec.name}（${req.period || '全部'}）已有新的导入（${before ? `编号 ${before.id}，${before.fileName}` : '已撤回'}），本次未导入。请重新预检后再确认`))
      const old = before ? await importRows(trx, before.id) : []
      const diff = diffRows(new Map(old.map(r => [r.key, r.data])), stored)
      Object.assign(answer, { added: diff.added, changed: diff.changed, removed: diff.removed, unchanged: diff.unchanged, changes: diff.sample })
      // A new month's file adds every row to its empty period; what staff review is how it
      // differs from the month before, so the sample compares with that (the counts above stay
      // the contract's: rows added to this period).
      const previous = before === null && (spec.period === 'month' || spec.period === 'year') ? await latestPeriod(trx, kind, req.period) : null
      const last = previous === null ? null : await currentImport(trx, kind, previous)
      if (last) {
        const since = diffRows(new Map((await importRows(trx, last.id)).map(r => [r.key, r.data])), stored)
        answer.comparedWith = { period: last.period, importId: last.id, fileName: last.fileName, added: since.added, changed: since.changed, removed: since.removed, unchanged: since.unchanged }
        answer.changes = since.sample
      }
      const same = before !== null && diff.added + diff.changed + diff.removed === 0
      if (req.dryRun || same)
        throw new Rollback({ status: 200, answer: { ...answer, importId: same && !req.dryRun ? before.id : null } })

      answer.importId = await insertImport(trx, {
        kind,
        period: req.period,
        fileName: req.file.name,
        size: req.file.bytes.byteLength,
        sha256,
        who: req.who,
        system: spec.system,
        demo: req.demo === true,
        warnings: answer.warnings,
        summary: kind === 'study' ? studyDaySummary(req.period, parsed.map(p => p.value as StudyRow)) : null,
        rows: stored,
      })
      if (isMonthKind(kind))
        await refreshMonth(trx, req.period)
      await bumpVersion(trx)
      return { status: 200, answer }
    })
  }
  catch (e) {
    if (e instanceof Rollback)
      return e.outcome
    if (isLockTimeout(e))
      return failure(409, 'BUSY', `另一个导入正在进行，${spec.name}（${req.period || '全部'}）未导入，请稍后再试`)
    throw e
  }
}
