import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { FeedPublisher } from '../../server/publish/publisher.ts'
import type { TestStore } from './harness.ts'
/**
 * The HTTP API as scripts and staff meet it (service-contract.md, "Interface"), through
 * Fastify's inject: no socket. One database for the file, emptied before each test, and a fresh
 * app on it each time, so no feed cached by one test is served in the next.
 */
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addToken, revokeToken } from '../../server/auth/tokens.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { buildApp } from '../../server/http/app.ts'
import { restore } from '../../server/store/backup.ts'
import { appliedMigrations, migrate, openStore } from '../../server/store/db.ts'
import { listImports } from '../../server/store/imports.ts'
import { checkFeed } from '../../src/feed/validate.ts'
import { importKinds } from '../../src/import-kinds.ts'
import { csv, PARTY_HEADER, roster } from './files.ts'
import { onPostgres, testStore } from './harness.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MB20 = 20 * 1024 * 1024
/** The publisher's clock: after the month the tests import, so no figure lies in the future. */
const NOW = new Date('2026-12-10T02:00:00Z')
const WHO = '导入脚本'
const HAN = /\p{Script=Han}/u
const ANSWER_KEYS = ['ok', 'kind', 'period', 'rows', 'added', 'changed', 'removed', 'unchanged', 'warnings', 'errors', 'importId']
/** What the service answers beyond the contract ("the docs may say more, never less"). */
const ANSWER_EXTRAS = ['dryRun', 'sha256', 'changes', 'basedOn', 'comparedWith', 'headers']

let store: TestStore
let dist: string
let app: FastifyInstance | undefined
let token: string
let publisher: FeedPublisher

beforeAll(async () => {
  store = await testStore()
  dist = await mkdtemp(join(tmpdir(), 'hzfic-http-dist-'))
})
beforeEach(async () => {
  await app?.close()
  await store.reset()
  // Recheck at once and wait for it: the feed after a write is the new one.
  const built = await buildApp({ store, dist, publisher: { recheckMs: 0, patienceMs: 30_000, now: () => NOW } })
  app = built.app
  publisher = built.publisher
  token = await addToken(store.db, WHO, 'editor')
})
afterAll(async () => {
  await app?.close()
  await store.close()
  await rm(dist, { recursive: true, force: true })
})

function web(): FastifyInstance {
  return app!
}

const bearer = (t: string = token) => ({ authorization: `Bearer ${t}` })
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`
const bytesOf = (file: ReturnType<typeof csv>) => Buffer.from(file.bytes)
/** A roster of `n` chambers in no 片组, so the month needs no groups and has no warning. */
function rosterRows(n: number) {
  return roster(n, (r) => {
    r[4] = ''
  })
}

interface Upload {
  body: Buffer
  headers?: Record<string, string>
  type?: string
  name?: string
  auth?: Record<string, string>
  /** Another app (replica) than the test's. */
  to?: FastifyInstance
}

/** A raw-body import: the file is the body, its name in `Content-Disposition`. */
function upload(path: string, { body, headers = {}, type = 'text/csv', name = '名册.csv', auth = bearer(), to = web() }: Upload) {
  return to.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': type, 'content-disposition': attachment(name), ...auth, ...headers } })
}

interface Part { field: string, filename?: string, type?: string, data: Buffer | string }

/** A multipart/form-data body, built by hand as a browser builds it. */
function multipart(parts: Part[]): { body: Buffer, type: string } {
  const boundary = '----hzficFormBoundary7MA4YWxkTrZu0gW'
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `form-data; name="${p.field}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`))
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` }
}

function postForm(path: string, form: { body: Buffer, type: string }, auth: Record<string, string> = bearer()) {
  return web().inject({ method: 'POST', url: path, payload: form.body, headers: { 'content-type': form.type, ...auth } })
}

/** `{ error: { code, message } }`, JSON, the message in Chinese, and nothing else. */
function expectError(res: LightMyRequestResponse, status: number, code?: string): { code: string, message: string } {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json<{ error: { code: string, message: string } }>()
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message'])
  expect(body.error.code).toMatch(/^[A-Z_]+$/)
  if (code)
    expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(HAN)
  return body.error
}

interface Answer {
  ok: boolean
  kind: string
  period: string
  rows: number
  added: number
  changed: number
  removed: number
  unchanged: number
  warnings: unknown[]
  errors: { row: number | null, column: string | null, message: string }[]
  importId: number | null
  sha256: string
}

function answerOf(res: LightMyRequestResponse, status = 200): Answer {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json<Answer>()
  expect(Object.keys(body).sort()).toEqual([...ANSWER_KEYS, ...ANSWER_EXTRAS].sort())
  expect(Array.isArray(body.warnings) && Array.isArray(body.errors)).toBe(true)
  return body
}

interface Listed { importId: number, action: string, kind: string, period: string, fileName: string, size: number, sha256: string, who: string, at: string, rows: number, withdrawnAt: string | null }

async function history(): Promise<Listed[]> {
  const res = await web().inject({ method: 'GET', url: '/api/imports', headers: bearer() })
  expect(res.statusCode).toBe(200)
  return res.json<Listed[]>()
}

interface FeedDoc { summary: { chamberCount: number, memberCount: number }, chambers: { id: string, name: string, memberCount: number }[], meta?: { demo?: boolean } }

async function feed(headers: Record<string, string> = {}, to = web()) {
  return to.inject({ method: 'GET', url: '/feed/cockpit.json', headers })
}

async function commitRoster(n: number, period = '2026-11', name = '名册.csv'): Promise<Answer> {
  return answerOf(await upload(`/api/imports/chambers?period=${period}`, { body: bytesOf(csv(rosterRows(n))), name }))
}

describe('who may write', () => {
  it('refuses a write without a token: 401, nothing stored', async () => {
    const body = bytesOf(csv(roster(3)))
    expectError(await upload('/api/imports/chambers?period=2026-11', { body, auth: {} }), 401, 'UNAUTHENTICATED')
    expectError(await postForm('/api/imports/chambers?period=2026-11', multipart([{ field: 'file', filename: '名册.csv', type: 'text/csv', data: body }]), {}), 401)
    const id = (await commitRoster(3)).importId!
    expectError(await web().inject({ method: 'POST', url: `/api/imports/${id}/withdraw` }), 401)
    expect((await history()).map(h => h.action)).toEqual(['import'])
  })

  it('refuses a revoked token, and one replaced by a new token for its name: 401', async () => {
    const old = token
    const replaced = await addToken(store.db, WHO, 'editor')
    expectError(await upload('/api/imports/chambers?period=2026-11', { body: bytesOf(csv(roster(3))), auth: bearer(old) }), 401)
    expect((await upload('/api/imports/chambers?period=2026-11', { body: bytesOf(csv(roster(3))), auth: bearer(replaced) })).statusCode).toBe(200)
    expect(await revokeToken(store.db, WHO)).toBe(true)
    expectError(await upload('/api/imports/chambers?period=2026-12', { body: bytesOf(csv(roster(3))), auth: bearer(replaced) }), 401)
    expectError(await web().inject({ method: 'GET', url: '/api/imports', headers: bearer(replaced) }), 401)
  })

  it('refuses a malformed Authorization header: 401', async () => {
    for (const header of ['Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `Token ${token}`, token, `Bearer ${token} extra`, `Bearer ${token.slice(0, -2)}`, 'Bearer hzfic_', `Bearer ${'x'.repeat(5000)}`])
      expectError(await upload('/api/imports/chambers?period=2026-11', { body: bytesOf(csv(roster(2))), auth: { authorization: header } }), 401, 'UNAUTHENTICATED')
    expect(await history()).toEqual([])
  })

  it('refuses the import history without a token (viewer and up): 401', async () => {
    expectError(await web().inject({ method: 'GET', url: '/api/imports' }), 401, 'UNAUTHENTICATED')
    expect(await history()).toEqual([])
  })
})

describe('an import over HTTP', () => {
  it('takes a raw text/csv body named by filename*, and lists it first in the history', async () => {
    await commitRoster(2, '2026-10', '十月.csv')
    const file = bytesOf(csv(rosterRows(5)))
    const answer = answerOf(await upload('/api/imports/chambers?period=2026-11', { body: file }))
    expect(answer).toMatchObject({ ok: true, kind: 'chambers', period: '2026-11', rows: 5, added: 5, changed: 0, removed: 0, unchanged: 0, warnings: [], errors: [] })
    expect(answer.importId).toBeTypeOf('number')

    const listed = await history()
    expect(listed.map(h => h.fileName)).toEqual(['名册.csv', '十月.csv'])
    const sha256 = createHash('sha256').update(file).digest('hex')
    expect(listed[0]).toMatchObject({ importId: answer.importId, action: 'import', kind: 'chambers', period: '2026-11', fileName: '名册.csv', size: file.length, sha256, who: WHO, rows: 5, withdrawnAt: null })
    expect(listed[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Date.parse(listed[0]!.at)).not.toBeNaN()

    // A charset on the type and a plain quoted filename serve as well.
    const plain = answerOf(await upload('/api/imports/chambers?period=2026-12', { body: file, type: 'text/csv; charset=utf-8', headers: { 'content-disposition': 'attachment; filename="roster \\"12\\".csv"' } }))
    expect(plain).toMatchObject({ ok: true, rows: 5, added: 5 })
    expect((await history())[0]).toMatchObject({ importId: plain.importId, fileName: 'roster "12".csv', sha256 })
  })

  it('takes the file as the field `file` of multipart/form-data, and refuses a form without it: 400', async () => {
    const file = bytesOf(csv(rosterRows(4)))
    const answer = answerOf(await postForm('/api/imports/chambers?period=2026-11', multipart([
      { field: 'note', data: '十一月' },
      { field: 'file', filename: '名册.csv', type: 'text/csv', data: file },
    ])))
    expect(answer).toMatchObject({ ok: true, kind: 'chambers', period: '2026-11', rows: 4, added: 4, warnings: [], errors: [] })
    expect((await history())[0]).toMatchObject({ importId: answer.importId, fileName: '名册.csv', size: file.length, who: WHO })

    expectError(await postForm('/api/imports/chambers?period=2026-12', multipart([{ field: 'note', data: '没有文件' }])), 400)
    expectError(await postForm('/api/imports/chambers?period=2026-12', multipart([{ field: 'upload', filename: '名册.csv', type: 'text/csv', data: file }])), 400)
    expect(await history()).toHaveLength(1)
  })

  it('answers a dry run as a commit would and stores nothing', async () => {
    await commitRoster(3)
    const before = await history()
    const dry = answerOf(await upload('/api/imports/chambers?period=2026-11&dryRun=1', { body: bytesOf(csv(rosterRows(5))) }))
    expect(dry).toMatchObject({ ok: true, rows: 5, added: 2, changed: 0, removed: 0, unchanged: 3, importId: null, errors: [] })
    expect(await history()).toEqual(before)
    const figures = (await feed()).json<FeedDoc>()
    expect(figures.summary.chamberCount).toBe(3)
  })

  it('answers a bad row with 422 in the same shape, naming row and column, and stores nothing', async () => {
    const res = await upload('/api/imports/chambers?period=2026-11', { body: bytesOf(csv(roster(3, (r, i) => {
      if (i === 2)
        r[6] = '十二'
    }))) })
    const answer = answerOf(res, 422)
    expect(answer).toMatchObject({ ok: false, kind: 'chambers', period: '2026-11', importId: null })
    expect(answer.errors.length).toBeGreaterThan(0)
    for (const e of answer.errors) {
      expect(Object.keys(e).sort()).toEqual(['column', 'message', 'row'])
      expect(e.message).toMatch(HAN)
    }
    expect(answer.errors[0]).toMatchObject({ row: 3, column: '会员数' })
    expect(await history()).toEqual([])
  })

  it('refuses a body over 20 MB, raw or multipart: 413 TOO_LARGE', async () => {
    const big = Buffer.alloc(MB20 + 1, 0x41)
    expectError(await upload('/api/imports/chambers?period=2026-11', { body: big }), 413, 'TOO_LARGE')
    expectError(await postForm('/api/imports/chambers?period=2026-11', multipart([{ field: 'file', filename: '名册.csv', type: 'text/csv', data: big }])), 413, 'TOO_LARGE')
    expect(await history()).toEqual([])
  })

  it('takes an .xlsx written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('商会名册')
    sheet.addRow(['2026年11月商会名册'])
    for (const row of rosterRows(3))
      sheet.addRow(row)
    const body = Buffer.from(await workbook.xlsx.writeBuffer())
    const answer = answerOf(await upload('/api/imports/chambers?period=2026-11', { body, type: XLSX, name: '名册.xlsx' }))
    expect(answer).toMatchObject({ ok: true, rows: 3, added: 3, warnings: [], errors: [] })
    expect((await history())[0]).toMatchObject({ fileName: '名册.xlsx', size: body.length })
  })

  it('takes an .xlsx saved by LibreOffice (title row, date and number cells)', async () => {
    // test/fixtures/roster-libreoffice.xlsx: a CSV roster under a title row, converted with
    // `soffice --headless --convert-to xlsx` (dates and "1,234" read as cells of their types).
    const body = await readFile(join(import.meta.dirname, '../fixtures/roster-libreoffice.xlsx'))
    const answer = answerOf(await postForm('/api/imports/chambers?period=2026-11', multipart([{ field: 'file', filename: '名册.xlsx', type: XLSX, data: body }])))
    // Its 片组 is one the month has no group of yet: a warning naming the rows, not an error.
    expect(answer).toMatchObject({ ok: true, rows: 3, added: 3, errors: [] })
    expect(answer.warnings).toEqual([{ row: 3, column: '片组', message: expect.stringMatching(/第一片组.*第 3、5 行/) }])
    const doc = (await feed()).json<FeedDoc>()
    expect(doc.summary).toMatchObject({ chamberCount: 3, memberCount: 812 + 1234 + 56 })
    expect(doc.chambers.map(c => [c.id, c.memberCount])).toEqual([['C001', 812], ['C002', 1234], ['C003', 56]])
  })

  it('withdraws a commit: the feed goes back; a second withdrawal is 409, a non-numeric id 404', async () => {
    const first = await commitRoster(4)
    const second = await commitRoster(6)
    const before = await feed()
    expect(before.json<FeedDoc>().summary.chamberCount).toBe(6)

    const res = await web().inject({ method: 'POST', url: `/api/imports/${second.importId}/withdraw`, headers: bearer() })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, importId: second.importId, kind: 'chambers', period: '2026-11', restoredImportId: first.importId })
    const after = await feed()
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.json<FeedDoc>().summary.chamberCount).toBe(4)
    const listed = await history()
    expect(listed[0]).toMatchObject({ action: 'withdraw', who: WHO })
    expect(listed.find(h => h.importId === second.importId)!.withdrawnAt).not.toBeNull()

    expectError(await web().inject({ method: 'POST', url: `/api/imports/${second.importId}/withdraw`, headers: bearer() }), 409)
    for (const id of ['abc', '1.5', '-1', '0', '99999999999999999999'])
      expectError(await web().inject({ method: 'POST', url: `/api/imports/${id}/withdraw`, headers: bearer() }), 404, 'NOT_FOUND')
    expectError(await web().inject({ method: 'POST', url: '/api/imports/987654/withdraw', headers: bearer() }), 404)
  })

  it('serves the feed as it stood at a month\'s end (?asOf=YYYY-MM), never after it; a bad month is 400', async () => {
    await commitRoster(4, '2026-10')
    await commitRoster(6, '2026-11')
    const past = await web().inject({ method: 'GET', url: '/feed/cockpit.json?asOf=2026-10' })
    expect(past.statusCode, past.body).toBe(200)
    expect(past.headers['cache-control']).toBe('no-store')
    const doc = past.json<FeedDoc & { summary: { asOf: string }, series?: { points: { month?: string }[] }[] }>()
    expect(doc.summary.chamberCount).toBe(4)
    expect(doc.summary.asOf <= '2026-10-31').toBe(true)
    for (const s of doc.series ?? [])
      expect(s.points.every(p => p.month === undefined || p.month <= '2026-10')).toBe(true)
    expect(checkFeed(doc).fatal).toBeNull()
    // The published feed is untouched: the latest month still.
    expect((await feed()).json<FeedDoc>().summary.chamberCount).toBe(6)
    for (const bad of ['2026-13', '10-2026', '2026-1', '%3Cscript%3E'])
      expect(expectError(await web().inject({ method: 'GET', url: `/feed/cockpit.json?asOf=${bad}` }), 400, 'BAD_AS_OF').message).toMatch(HAN)
  })

  it('refuses an unknown kind (404) and a bad period (400)', async () => {
    const body = bytesOf(csv(roster(2)))
    expectError(await upload('/api/imports/members?period=2026-11', { body }), 404, 'UNKNOWN_KIND')
    for (const period of ['2026-13', '2026-11-02', '202611', '', '2026-11%27%3B%20DROP%20TABLE%20imports'])
      expectError(await upload(`/api/imports/chambers?period=${period}`, { body }), 400, 'BAD_PERIOD')
    expectError(await upload('/api/imports/chambers', { body }), 400, 'BAD_PERIOD')
    expect(await history()).toEqual([])
  })
})

describe('templates', () => {
  it('serves each kind\'s template as an .xlsx with a UTF-8 file name; an unknown one is 404', async () => {
    const res = await web().inject({ method: 'GET', url: '/api/templates/chambers.xlsx' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(XLSX)
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('商会名册模板.xlsx')}`)
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK')
    for (const url of ['/api/templates/members.xlsx', '/api/templates/chambers.csv', '/api/templates/chambers'])
      expectError(await web().inject({ method: 'GET', url }), 404)
  })

  it('writes no cell that a spreadsheet would run as a formula', async () => {
    for (const kind of importKinds) {
      const res = await web().inject({ method: 'GET', url: `/api/templates/${kind}.xlsx` })
      expect(res.statusCode).toBe(200)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(new Uint8Array(res.rawPayload).buffer)
      let cells = 0
      workbook.eachSheet((sheet) => {
        sheet.eachRow((row) => {
          row.eachCell((cell) => {
            cells++
            const value = cell.value
            expect(typeof value === 'object' && value !== null && !(value instanceof Date) && 'formula' in value, `${kind} ${sheet.name}!${cell.address}`).toBe(false)
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
            if (typeof value === 'string')
              expect(value, `${kind} ${sheet.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/)
          })
        })
      })
      expect(cells).toBeGreaterThan(4)
    }
  })
})

describe('the feed', () => {
  it('serves JSON with a strong ETag, 304 for that tag, and br, gzip or identity as asked', async () => {
    await commitRoster(5)
    const plain = await feed()
    expect(plain.statusCode).toBe(200)
    const etag = plain.headers.etag as string
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(plain.headers['cache-control']).toBe('no-cache')
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.headers['content-encoding'] ?? 'identity').toBe('identity')
    const json = plain.json<FeedDoc>()
    expect(json.summary.chamberCount).toBe(5)

    const cached = await feed({ 'if-none-match': etag })
    expect(cached.statusCode).toBe(304)
    expect(cached.rawPayload.length).toBe(0)
    expect(cached.headers.etag).toBe(etag)
    expect((await feed({ 'if-none-match': '"something-else"' })).statusCode).toBe(200)

    // Brotli follows gzip (publisher.ts): until it is made, a br client is sent gzip.
    await (await publisher.current())!.brReady
    const br = await feed({ 'accept-encoding': 'br' })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.etag).toBe(etag)
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(json)

    const gz = await feed({ 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(json)
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length)

    // Both offered: br; one refused by q=0: the other.
    expect((await feed({ 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br')
    expect((await feed({ 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip')
  })

  it('serves a commit through the API on the next request: a new ETag and the new figures', async () => {
    // A replica that would not look at the database for an hour by itself: only the write's
    // invalidation makes it look.
    const { app: replica } = await buildApp({ store, dist, publisher: { recheckMs: 3_600_000, patienceMs: 30_000, now: () => NOW } })
    try {
      const commit = async (rows: (string | number)[][], query = '') => answerOf(await upload(`/api/imports/chambers?period=2026-11${query}`, { body: bytesOf(csv(rows)), to: replica }))
      await commit(rosterRows(3))
      const before = await feed({}, replica)
      expect(before.json<FeedDoc>().summary.chamberCount).toBe(3)
      const seven = await commit(rosterRows(7))
      const after = await feed({ 'if-none-match': before.headers.etag as string }, replica)
      expect(after.statusCode).toBe(200)
      expect(after.headers.etag).not.toBe(before.headers.etag)
      expect(after.json<FeedDoc>().summary.chamberCount).toBe(7)

      // A dry run publishes nothing new.
      await commit(rosterRows(9), '&dryRun=1')
      expect((await feed({ 'if-none-match': after.headers.etag as string }, replica)).statusCode).toBe(304)
      // A withdrawal is a write too.
      expect((await replica.inject({ method: 'POST', url: `/api/imports/${seven.importId}/withdraw`, headers: bearer() })).statusCode).toBe(200)
      const back = await feed({ 'if-none-match': after.headers.etag as string }, replica)
      expect(back.statusCode).toBe(200)
      expect(back.json<FeedDoc>().summary.chamberCount).toBe(3)
      // A write that went elsewhere (another replica, the command line) waits for the recheck.
      expect((await runImport(store.db, { kind: 'chambers', period: '2026-11', file: csv(rosterRows(8)), who: 'cli', dryRun: false })).status).toBe(200)
      expect((await feed({ 'if-none-match': back.headers.etag as string }, replica)).statusCode).toBe(304)
      expect((await feed()).json<FeedDoc>().summary.chamberCount).toBe(8)
    }
    finally {
      await replica.close()
    }
  })

  it('passes the cockpit\'s own validation after a roster, its party organisations and the totals', async () => {
    await commitRoster(6)
    const party = csv([PARTY_HEADER, ...[1, 2, 3, 4].map(i => [`C00${i}`, `杭州市第${i}商会党支部`, i === 1 ? '党委' : '党支部', 10 + i, (i % 5) + 1, i % 2 ? '是' : '否'])])
    answerOf(await upload('/api/imports/party?period=2026-11', { body: bytesOf(party), name: '党组织.csv' }))
    const totals = csv([
      ['类别', '商会数', '会员数', '建立党组织商会数', '截至日期'],
      ['行业商会、行业协会', 120, 30_000, 80, '2026-11-30'],
      ['异地商会', 96, 21_450, 88, '2026-11-30'],
      ['市场（园区、楼宇）商会', 40, 6_000, 20, '2026-11-30'],
      ['区县市镇街商会', 150, 9_000, 60, '2026-11-30'],
      ['其他商会', 30, 2_000, 10, '2026-11-30'],
      ['合计', 436, 68_450, 258, '2026-11-30'],
    ])
    answerOf(await upload('/api/imports/totals?period=2026-11', { body: bytesOf(totals), name: '上报总数.csv' }))

    const res = await feed()
    expect(res.statusCode).toBe(200)
    const doc = res.json<FeedDoc>()
    expect(doc.summary).toMatchObject({ chamberCount: 436, memberCount: 68_450 })
    const check = checkFeed(doc)
    expect(check.fatal).toBeNull()
    for (const [name, section] of Object.entries(check.sections)) {
      if (!section.ok)
        expect.fail(`${name}: ${JSON.stringify(section.problems)}`)
      expect(section.dropped ?? [], name).toEqual([])
    }
    expect(check.sections.chambers.ok && check.sections.chambers.data?.filter(c => c.partyOrg).length).toBe(4)
  })
})

describe('hostile text', () => {
  it('keeps SQL, markup and formulas in cells and in the file name as plain text, never run', async () => {
    const hostile = ['\'; DROP TABLE imports; --', '<img src=x onerror=alert(1)>', '=cmd|\' /C calc\'!A0']
    // A file name keeps no folders: what follows the formula's slash is the name.
    const name = `=SUM(A1)+cmd|'!A0 ${hostile.slice(0, 2).join(' ')}.csv`
    const body = bytesOf(csv(roster(3, (r, i) => {
      r[1] = hostile[i - 1]!
    })))
    const answer = answerOf(await upload('/api/imports/chambers?period=2026-11', { body, name }))
    expect(answer).toMatchObject({ ok: true, rows: 3 })

    // The imports table is still there, and holds the name as given.
    const listed = await history()
    expect(listed).toHaveLength(1)
    expect(listed[0]!.fileName).toBe(name)

    const res = await feed()
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json<FeedDoc>().chambers.map(c => c.name)).toEqual(hostile)
    // Another import after the would-be DROP: the table took it.
    answerOf(await upload('/api/imports/chambers?period=2026-12', { body: bytesOf(csv(rosterRows(2))), name: `${hostile[2]}.csv` }))
    expect((await history()).map(h => h.fileName)).toEqual(['C calc\'!A0.csv', name])
  })

  it('keeps a hostile name sent in a multipart form as text', async () => {
    const name = '=1+1 <b onmouseover=alert(1)>商会</b>.csv'
    answerOf(await postForm('/api/imports/chambers?period=2026-11', multipart([{ field: 'file', filename: name, type: 'text/csv', data: bytesOf(csv(rosterRows(2))) }])))
    // No folders: the markup's closing slash starts the name.
    expect((await history())[0]!.fileName).toBe('b>.csv')
    const plain = '=1+1 <b onmouseover=alert(1)>商会.csv'
    answerOf(await postForm('/api/imports/chambers?period=2026-12', multipart([{ field: 'file', filename: plain, type: 'text/csv', data: bytesOf(csv(rosterRows(2))) }])))
    expect((await history())[0]!.fileName).toBe(plain)
  })
})

describe('health and the rest', () => {
  it('answers /api/health with the engine, the migration and whether the demo is loaded', async () => {
    const migration = await appliedMigrations(store.db)
    expect(migration).toBeGreaterThan(0)
    const res = await web().inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, database: onPostgres ? 'postgresql' : 'pglite', migration, demo: false })

    const demo = await runImport(store.db, { kind: 'chambers', period: '2026-11', file: csv(roster(2)), who: 'demo', dryRun: false, demo: true })
    expect(demo.status).toBe(200)
    expect((await web().inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ ok: true, migration, demo: true })
    expect((await feed()).json<FeedDoc>().meta?.demo).toBe(true)
    // A real import into the demo world is refused, saying how to clear it.
    const refused = expectError(await upload('/api/imports/chambers?period=2026-12', { body: bytesOf(csv(roster(2))) }), 409, 'DEMO_LOADED')
    expect(refused.message).toContain('demo --clear')
  })

  it('answers an unknown path with 404 JSON, and the cockpit with 503 NOT_BUILT when dist has no index.html', async () => {
    for (const [method, url] of [['GET', '/nope'], ['GET', '/api/nope'], ['POST', '/api/imports'], ['GET', '/feed/other.json']] as const)
      expectError(await web().inject({ method, url }), 404, 'NOT_FOUND')
    expectError(await web().inject({ method: 'GET', url: '/' }), 503, 'NOT_BUILT')
  })
})

describe('gET /api/backup', () => {
  it('is for admins (403 for an editor, 401 for nobody) and streams a backup that restores whole', async () => {
    await upload('/api/imports/chambers?period=2026-11', { body: csv(rosterRows(4)).bytes as Buffer })
    expectError(await web().inject({ method: 'GET', url: '/api/backup' }), 401)
    expectError(await web().inject({ method: 'GET', url: '/api/backup', headers: bearer() }), 403, 'FORBIDDEN')
    const admin = await addToken(store.db, '管理员', 'admin')
    const res = await web().inject({ method: 'GET', url: '/api/backup', headers: bearer(admin) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/gzip')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cockpit-backup-\d{4}-\d{2}-\d{2}\.jsonl\.gz"$/)
    const file = join(dist, 'backup.jsonl.gz')
    writeFileSync(file, res.rawPayload)
    const target = await openStore({ dataDir: 'memory://' })
    try {
      await migrate(target.db)
      const counts = await restore(target.db, file)
      expect(counts.imports).toBe(1)
      expect(counts.import_rows).toBe(4)
      expect((await listImports(target.db))[0]).toMatchObject({ kind: 'chambers', period: '2026-11', rows: 4 })
    }
    finally {
      await target.close()
    }
  })
})
