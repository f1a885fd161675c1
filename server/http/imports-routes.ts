import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { FileInput } from '../imports/types.ts'
import type { FeedPublisher } from '../publish/publisher.ts'
import type { Database } from '../store/schema.ts'
/**
 * The import API (service-contract.md, "Interface"): a file in, a dry run or a commit out; the
 * history; a withdrawal; the templates. Thin: the work is in imports/ and store/.
 */
import { Buffer } from 'node:buffer'
import { isImportKind, kindSpecs } from '../../src/import-kinds.ts'
import { MAX_FILE_BYTES, runImport, unknownKind } from '../commit/pipeline.ts'
import { withdraw } from '../commit/withdraw.ts'
import { kindTemplate } from '../imports/template.ts'
import { listImports } from '../store/imports.ts'
import { requireRole } from './auth.ts'
import { HttpError, sendError } from './errors.ts'
import { cleanFileName, fileNameOf } from './file-name.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface ImportQuery { period?: string, dryRun?: string }

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

export function importsRoutes(app: FastifyInstance, db: Kysely<Database>, publisher: FeedPublisher): void {
  for (const type of ['text/csv', 'text/plain', XLSX, 'application/vnd.ms-excel', 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body))

  app.post<{ Params: { kind: string }, Querystring: ImportQuery }>('/api/imports/:kind', async (request, reply) => {
    const who = await requireRole(db, request, 'editor')
    const { kind } = request.params
    if (!isImportKind(kind))
      return sendError(reply, 404, unknownKind(kind).code, unknownKind(kind).message)
    const file = await fileOf(request, kind)
    const dryRun = yes(request.query.dryRun)
    const outcome = await runImport(db, { kind, period: request.query.period ?? '', file, who: who.name, dryRun })
    if ('error' in outcome)
      return sendError(reply, outcome.status, outcome.error.code, outcome.error.message)
    request.log.info({ kind, period: outcome.answer.period, dryRun, file: file.name, ok: outcome.answer.ok, importId: outcome.answer.importId, who: who.name }, 'import')
    if (!dryRun && outcome.answer.importId !== null)
      publisher.invalidate()
    return reply.code(outcome.status).send(outcome.answer)
  })

  app.post<{ Params: { id: string } }>('/api/imports/:id/withdraw', async (request, reply) => {
    const who = await requireRole(db, request, 'editor')
    const id = Number(request.params.id)
    if (!Number.isSafeInteger(id) || id <= 0)
      return sendError(reply, 404, 'NOT_FOUND', `没有编号为“${request.params.id.slice(0, 40)}”的导入`)
    const outcome = await withdraw(db, id, who.name)
    if ('error' in outcome)
      return sendError(reply, outcome.status, outcome.error.code, outcome.error.message)
    request.log.info({ importId: id, who: who.name }, 'withdraw')
    publisher.invalidate()
    return outcome.answer
  })

  app.get('/api/imports', async (request) => {
    await requireRole(db, request, 'viewer')
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
