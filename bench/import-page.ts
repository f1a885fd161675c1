/**
 * The import page's dry run of the 10× roster (issue 22): a staff laptop's window (1366×768) in
 * Chromium, signed in to the real service on PGlite that holds October's 4,460 chambers; the page
 * is handed November's workbook (every chamber's last activity date moved on, 446 chambers'
 * members changed, 44 gone, 45 new: the service sends the first 2,000 changes) and the clock
 * runs from the file's choice to the diff's first rows on screen. Two parts are told apart: the
 * service's answer (upload, read, check, diff: the request's own timing in the page) and the
 * page's render (from the answer's last byte to the rows painted), which the issue's target is.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Browser, Page } from 'playwright-core'
import type { Database } from '../server/store/schema.ts'
import type { Row } from './report.ts'
import { Buffer } from 'node:buffer'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { addUser } from '../server/auth/users.ts'
import { runImport } from '../server/commit/pipeline.ts'
import { buildApp } from '../server/http/app.ts'
import { migrate, openStore } from '../server/store/db.ts'
import { csv, roster } from '../test/server/files.ts'
import { median, round } from './stats.ts'

export const importPageTargets = { diffRenderMs: 1_000 }

export interface ImportPageResult {
  /** A failed sign-in's answer time, for a name that exists (wrong password) and one that does not. */
  signIn: { wrongPasswordMs: number[], wrongNameMs: number[] }
  chambers: number
  /** The changes the page lists: November's file against October's. */
  changes: { added: number, changed: number, removed: number }
  fileBytes: number
  /** Per run: the service's answer (request start to its last byte), the render after it, and both from the file's choice. */
  runs: { answerMs: number, renderMs: number, totalMs: number }[]
}

const CHAMBERS = 4_460
const PASSWORD = 'bench pass phrase'

/** October as stored; November as the workbook staff would drop. */
function rosters() {
  const october = roster(CHAMBERS, (r) => {
    r[4] = ''
  })
  const november = roster(CHAMBERS + 1, (r, i) => {
    r[4] = ''
    r[7] = '2026-11-20'
    if (i % 10 === 0)
      r[6] = Number(r[6]) + 3
  }).filter((_, i) => i === 0 || i <= CHAMBERS - 44 || i > CHAMBERS)
  // 44 removed (C4417…C4460), one past the old list, and 44 more new ones.
  for (let i = 1; i <= 44; i++)
    november.push([`N${String(i).padStart(3, '0')}`, `杭州市新设第${i}商会`, '异地商会', '西湖区', '', '是', 50 + i, '2026-11-20'])
  return { october, november }
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('商会名册')
  sheet.addRow(['2026年11月商会名册'])
  for (const row of rows)
    sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/**
 * Failed sign-ins, interleaved, each from an address of its own and spread over several names, so
 * the sign-in limit (10 a name or an address) never answers instead of the password check.
 */
async function signInTimings(app: FastifyInstance, db: Kysely<Database>, tries = 24): Promise<ImportPageResult['signIn']> {
  const names = Array.from({ length: 4 }, (_, i) => `timing${i}`)
  for (const name of names)
    await addUser(db, name, 'viewer', PASSWORD)
  const once = async (name: string, i: number) => {
    const t0 = performance.now()
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: 'wrong password' }, remoteAddress: `10.77.${Math.floor(i / 200)}.${i % 200}` })
    if (res.statusCode !== 401)
      throw new Error(`a failed sign-in answered ${res.statusCode}`)
    return performance.now() - t0
  }
  const out: ImportPageResult['signIn'] = { wrongPasswordMs: [], wrongNameMs: [] }
  for (let i = 0; i < tries; i++) {
    out.wrongPasswordMs.push(await once(names[i % names.length]!, 2 * i))
    out.wrongNameMs.push(await once(`nobody${i}`, 2 * i + 1))
  }
  return out
}

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('signin-name').fill('bench')
  await page.getByTestId('signin-password').fill(PASSWORD)
  await page.getByTestId('signin-submit').click()
  await page.getByTestId('session-user').waitFor({ timeout: 30_000 })
}

export async function importPageBench(browser: Browser, dist: string, runs: number, log: (s: string) => void): Promise<ImportPageResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-import-'))
  const store = await openStore({ dataDir: join(dir, 'data') })
  try {
    await migrate(store.db)
    const { october, november } = rosters()
    log(`import page: storing October's ${CHAMBERS.toLocaleString('en-US')} chambers…`)
    const stored = await runImport(store.db, { kind: 'chambers', period: '2026-10', file: csv(october, 'october.csv'), who: 'bench', dryRun: false })
    if (stored.status !== 200)
      throw new Error(`October's roster was refused: ${JSON.stringify(stored).slice(0, 300)}`)
    await addUser(store.db, 'bench', 'editor', PASSWORD)
    const { app } = await buildApp({ store, dist: resolve(dist), publisher: { recheckMs: 0 } })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    log('import page: failed sign-ins, a known name with a wrong password against an unknown name…')
    const failedSignIns = await signInTimings(app, store.db)
    const bytes = await workbook(november)
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    try {
      const page = await context.newPage()
      await page.goto(`${url}/#/imports`)
      await signIn(page)
      await page.getByTestId('import-kind').selectOption('chambers')
      await page.getByTestId('import-period').fill('2026-11')
      const result: ImportPageResult = { signIn: failedSignIns, chambers: CHAMBERS, changes: { added: 0, changed: 0, removed: 0 }, fileBytes: bytes.byteLength, runs: [] }
      for (let run = 0; run < runs + 1; run++) {
        // A fresh file object each time: the page runs a new dry run for every file chosen.
        await page.evaluate(() => performance.clearResourceTimings())
        const start = await page.evaluate(() => performance.now())
        await page.getByTestId('import-file').setInputFiles({ name: `2026年11月商会名册-${run}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes })
        const rendered = await page.waitForFunction(() => {
          const rows = document.querySelectorAll('[data-testid="dryrun-changes"] tbody tr')
          return rows.length > 0 && document.querySelector('[data-testid="import-commit"]') ? performance.now() : null
        }, null, { polling: 'raf', timeout: 120_000 })
        const doneAt = await rendered.jsonValue() as number
        const entry = await page.evaluate(() => {
          const e = performance.getEntriesByType('resource').filter(r => r.name.includes('/api/imports/chambers')).at(-1) as PerformanceResourceTiming | undefined
          return e ? { startTime: e.startTime, responseEnd: e.responseEnd } : null
        })
        if (!entry)
          throw new Error('the dry run\'s request was not seen')
        const timing = { answerMs: entry.responseEnd - entry.startTime, renderMs: doneAt - entry.responseEnd, totalMs: doneAt - start }
        // The first run warms the page's chunks and the service's caches: not counted.
        if (run > 0)
          result.runs.push(timing)
        log(`  ${run === 0 ? 'warm-up: ' : ''}answer ${round(timing.answerMs)} ms, render ${round(timing.renderMs)} ms, from the choice ${round(timing.totalMs)} ms`)
        if (run === 0) {
          const summary = await page.getByTestId('dryrun-summary').textContent() ?? ''
          log(`  summary: ${summary.replace(/\s+/g, ' ').trim().slice(0, 160)}`)
        }
      }
      const dry = await runImport(store.db, { kind: 'chambers', period: '2026-11', file: { name: 'n.xlsx', bytes, contentType: null }, who: 'bench', dryRun: true })
      // November is empty, so the diff on screen is against October: those are its counts.
      if ('answer' in dry) {
        const shown = dry.answer.comparedWith ?? dry.answer
        result.changes = { added: shown.added, changed: shown.changed, removed: shown.removed }
      }
      return result
    }
    finally {
      await context.close()
      await app.close()
    }
  }
  finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function importPageRows(r: ImportPageResult): Row[] {
  const t = importPageTargets
  const render = median(r.runs.map(x => x.renderMs))
  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`
  const head = `import page, 1366×768: dry run of the 10× roster (${r.chambers.toLocaleString('en-US')} chambers; against October ${r.changes.added} added, ${r.changes.changed} changed, ${r.changes.removed} removed; median of ${r.runs.length})`
  return [
    { figure: `${head}: the diff rendered after the answer`, value: ms(render), target: `≤ ${ms(t.diffRenderMs)}`, met: render <= t.diffRenderMs, ...render > t.diffRenderMs ? { by: `${ms(render - t.diffRenderMs)} over` } : {} },
    { figure: '  the service\'s answer (upload, read, check, diff)', value: ms(median(r.runs.map(x => x.answerMs))), target: 'measured' },
    { figure: '  from the file\'s choice to the diff on screen', value: ms(median(r.runs.map(x => x.totalMs))), target: 'measured' },
    {
      figure: `failed sign-in, known name + wrong password / unknown name (median of ${r.signIn.wrongNameMs.length} each, interleaved)`,
      value: `${round(median(r.signIn.wrongPasswordMs))} / ${round(median(r.signIn.wrongNameMs))} ms`,
      target: 'the same work (one scrypt each)',
    },
  ]
}
