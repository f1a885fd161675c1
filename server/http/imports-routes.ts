import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ImportOutcome, ImportRequest } from '../commit/pipeline.ts'
import type { FileInput } from '../imports/types.ts'
import type { FeedPublisher } from '../publish/publisher.ts'
import type { Sessions } from './auth.ts'
/**
 * The import API (service-contract.md, "Interface"): a file in, a dry run or a commit out; the
 * history; a withdrawal; the templates. Thin: the work is in imports/ and store/.
 */
import { Buffer } from 'node:buffer'
import { PassThrough } from 'node:stream'
import { isImportKind, kindSpecs } from '../../src/import-kinds.ts'
import { MAX_FILE_BYTES, runImport, unknownKind } from '../commit/pipeline.ts'
import { withdraw } from '../commit/withdraw.ts'
import { kindTemplate } from '../imports/template.ts'
import { listImports } from '../store/imports.ts'
import { audit, resultOf } from './audit-hook.ts'
import { HttpError, sendError } from './errors.ts'
import { cleanFileName, fileNameOf } from './file-name.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface ImportQuery { period?: string, dryRun?: string, basedOn?: string }

const yes = (x: string | undefined) => x === '1' || x === 'true'

async function fileOf(request: FastifyRequest, kind: string): Promise<FileInput> {
  if (request.isMultipart()) {
    const part = await request.file()
    if (!part || part.fieldname !== 'file')
      throw new HttpError(400, 'NO_FILE', '表单中没有名为 file 的文件')
    const bytes = await part.toBuffer()
    return { name: cleanFileName(part.filename, `${kind}`), bytes, contentType: part.mimetype }
  }
  if (!Buffer.isBuffer(request.body))
    throw new HttpError(400, 'NO_FILE', '请求体应为文件（text/csv 或 .xlsx），或 multipart/form-data 的 file 字段')
  const type = request.headers['content-type'] ?? null
  const ext = type?.startsWith(XLSX) ? 'xlsx' : 'csv'
  return { name: cleanFileName(fileNameOf(request.headers['content-disposition']), `${kind}.${ext}`), bytes: request.body, contentType: type }
}

function importTarget(r: FastifyRequest): string {
  const { kind } = r.params as { kind: string }
  const { period } = r.query as ImportQuery
  return [kind.slice(0, 40), (period ?? '').slice(0, 20)].filter(Boolean).join(' ')
}

/** `?basedOn=` from a dry run: an import's id, or `none`; absent, the commit replaces whatever is in force. */
function basedOnOf(x: string | undefined): number | null | undefined {
  if (x === undefined)
    return undefined
  if (x === 'none')
    return null
  const id = Number(x)
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new HttpError(400, 'BAD_REQUEST', `basedOn 应为导入编号或 none，实为“${x.slice(0, 20)}”`)
  return id
}

const wantsProgress = (r: FastifyRequest) => (r.headers.accept ?? '').includes('application/x-ndjson')

export function importsRoutes(app: FastifyInstance, sessions: Sessions, publisher: FeedPublisher): void {
  const { db } = sessions
  for (const type of ['text/csv', 'text/plain', XLSX, 'application/vnd.ms-excel', 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body))

  const importAudit = { action: (r: FastifyRequest) => yes((r.query as ImportQuery).dryRun) ? 'import.dryRun' as const : 'import.commit' as const, target: importTarget }
  app.post<{ Params: { kind: string }, Querystring: ImportQuery }>('/api/imports/:kind', { config: { audit: importAudit } }, async (request, reply) => {
    const who = await sessions.require(request, 'editor')
    const { kind } = request.params
    if (!isImportKind(kind))
      return sendError(reply, 404, unknownKind(kind).code, unknownKind(kind).message)
    const dryRun = yes(request.query.dryRun)
    const basedOn = basedOnOf(request.query.basedOn)
    const file = await fileOf(request, kind)
    request.auditTarget = `${importTarget(request)} ${file.name}`
    const run = (onPhase?: ImportRequest['onPhase']) => runImport(db, { kind, period: request.query.period ?? '', file, who: who.name, dryRun, basedOn, onPhase })
    const done = (outcome: ImportOutcome) => {
      if ('error' in outcome)
        return
      request.log.info({ kind, period: outcome.answer.period, dryRun, file: file.name, ok: outcome.answer.ok, importId: outcome.answer.importId, who: who.name }, 'import')
      if (!dryRun && outcome.answer.importId !== null)
        publisher.invalidate()
    }
    if (!wantsProgress(request)) {
      const outcome = await run()
      done(outcome)
      if ('error' in outcome)
        return sendError(reply, outcome.status, outcome.error.code, outcome.error.message)
      return reply.code(outcome.status).send(outcome.answer)
    }
    // The page's progress bar: one JSON line a phase, the answer last. The HTTP status is sent
    // before the outcome is known, so the outcome carries its own; the log waits for it.
    const out = new PassThrough()
    const line = (x: unknown) => out.write(`${JSON.stringify(x)}\n`)
    void (async () => {
      try {
        const outcome = await run(phase => line(phase))
        done(outcome)
        await audit(db, request, resultOf(outcome.status))
        line('error' in outcome ? { status: outcome.status, error: outcome.error } : { status: outcome.status, answer: outcome.answer })
      }
      catch (e) {
        request.log.error({ err: e }, 'import failed')
        await audit(db, request, resultOf(500))
        line({ status: 500, error: { code: 'INTERNAL', message: '服务内部错误，已记入日志' } })
      }
      out.end()
    })()
    request.audited = true
    return reply.type('application/x-ndjson; charset=utf-8').header('Cache-Control', 'no-store').send(out)
  })

  app.post<{ Params: { id: string }, Querystring: { dryRun?: string } }>('/api/imports/:id/withdraw', { config: { audit: { action: 'import.withdraw', target: r => `import ${(r.params as { id: string }).id.slice(0, 20)}` } } }, async (request, reply) => {
    const who = await sessions.require(request, 'editor')
    const id = Number(request.params.id)
    if (!Number.isSafeInteger(id) || id <= 0)
      return sendError(reply, 404, 'NOT_FOUND', `没有编号为“${request.params.id.slice(0, 40)}”的导入`)
    const dryRun = yes(request.query.dryRun)
    // A look at what a withdrawal would do changes nothing: not a write, not logged as one.
    if (dryRun)
      request.audited = true
    const outcome = await withdraw(db, id, who.name, dryRun)
    if ('error' in outcome)
      return sendError(reply, outcome.status, outcome.error.code, outcome.error.message)
    request.auditTarget = `import ${id} ${outcome.answer.kind} ${outcome.answer.period}`.trim()
    if (!dryRun) {
      request.log.info({ importId: id, who: who.name }, 'withdraw')
      publisher.invalidate()
    }
    return outcome.answer
  })

  app.get('/api/imports', async (request) => {
    await sessions.require(request, 'viewer')
    return (await listImports(db)).map(i => ({
      importId: i.id,
      action: i.action,
      kind: i.kind,
      period: i.period,
      fileName: i.fileName,
      size: i.size,
      sha256: i.sha256,
      who: i.who,
      at: i.at.toISOString(),
      rows: i.rows,
      system: i.system,
      demo: i.demo,
      withdrawnAt: i.withdrawnAt?.toISOString() ?? null,
      withdraws: i.targetId,
      current: i.current,
    }))
  })

  app.get<{ Params: { file: string } }>('/api/templates/:file', async (request, reply) => {
    const kind = request.params.file.replace(/\.xlsx$/, '')
    if (!isImportKind(kind) || !request.params.file.endsWith('.xlsx'))
      return sendError(reply, 404, 'UNKNOWN_KIND', `没有“${request.params.file.slice(0, 40)}”这个模板`)
    const name = `${kindSpecs[kind].name}模板.xlsx`
    return reply
      .type(XLSX)
      .header('Content-Disposition', `attachment; filename="${kind}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await kindTemplate(kind))
  })
}
