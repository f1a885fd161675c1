/**
 * The whole product on the data service: the wall in Chromium, served with its feed by the
 * service from its database. A script imports next month's roster as an .xlsx, reads the dry
 * run and commits; on the next poll the wall's 较上月 has moved and the provenance card names
 * the file.
 */
import type { Browser, Page } from 'playwright-core'
import type { ServiceApp } from '../../server/http/app.ts'
import type { Store } from '../../server/store/db.ts'
import { Buffer } from 'node:buffer'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToken } from '../../server/auth/tokens.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { buildApp } from '../../server/http/app.ts'
import { migrate, openStore } from '../../server/store/db.ts'
import { csv, PARTY_HEADER, roster, ROSTER_HEADER } from '../server/files.ts'
import { DIST, launchBrowser, newPage } from './harness.ts'
import { count, figure } from './wall-page.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const FILE = '2026年12月商会名册.xlsx'

/** Next month's roster as a spreadsheet program saves it: a title row, number and date cells. */
async function rosterWorkbook(n: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('商会名册')
  sheet.addRow(['2026年12月商会名册'])
  sheet.addRow(ROSTER_HEADER)
  for (const row of roster(n).slice(1))
    sheet.addRow(row.map((cell, i) => (i === 7 ? new Date(Date.UTC(2026, 11, 2)) : cell)))
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('the wall on the data service', () => {
  let store: Store
  let service: ServiceApp
  let url: string
  let token: string
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' })
    await migrate(store.db)
    const party = csv([PARTY_HEADER, ...Array.from({ length: 8 }, (_, i) => [`C${String(i + 1).padStart(3, '0')}`, `第${i + 1}商会党支部`, '党支部', 10 + i, '', '是'])])
    for (const [kind, period, file] of [
      ['chambers', '2026-10', csv(roster(20))],
      ['party', '2026-10', party],
      ['chambers', '2026-11', csv(roster(22))],
      ['party', '2026-11', party],
    ] as const) {
      const out = await runImport(store.db, { kind, period, file, who: 'test', dryRun: false })
      expect(out.status).toBe(200)
    }
    token = await addToken(store.db, 'script', 'editor')
    // Rechecked on every request: the wall's next poll sees a commit at once.
    service = await buildApp({ store, dist: DIST, publisher: { recheckMs: 0 } })
    url = await service.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.goto(`${url}/?interval=5&rotate=0`)
  })

  afterAll(async () => {
    await browser?.close()
    await service?.app.close()
    await store?.close()
  })

  it('shows the figures of the service\'s latest month, live, with 较上月 from the stored months', async () => {
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="figure-chambers"] .number')?.textContent ?? ''))
    expect(count(await figure(page, 'figure-chambers'))).toBe(22)
    expect(await page.getByTestId('figure-chambers').getByTestId('figure-changes').textContent()).toContain('较上月 ▲ +2')
  })

  it('takes next month\'s roster from a script: dry run, commit, and the wall moves on the next poll', async () => {
    const bytes = await rosterWorkbook(25)
    const headers = { 'Authorization': `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(FILE)}` }
    const dry = await fetch(`${url}/api/imports/chambers?period=2026-12&dryRun=1`, { method: 'POST', headers, body: new Uint8Array(bytes) })
    expect(dry.status).toBe(200)
    expect(await dry.json()).toMatchObject({ ok: true, dryRun: true, rows: 25, added: 25, importId: null })
    // Nothing is stored by the dry run: the wall still shows November.
    expect(count(await figure(page, 'figure-chambers'))).toBe(22)

    const done = await fetch(`${url}/api/imports/chambers?period=2026-12`, { method: 'POST', headers, body: new Uint8Array(bytes) })
    expect(done.status).toBe(200)
    expect(await done.json()).toMatchObject({ ok: true, added: 25, errors: [] })

    await page.waitForFunction(() => document.querySelector('[data-testid="figure-chambers"] .number')?.textContent?.trim() === '25', null, { timeout: 20_000 })
    expect(await page.getByTestId('figure-chambers').getByTestId('figure-changes').textContent()).toContain('较上月 ▲ +3')
    // December has no party file yet: the count is November's, said so, never a 0.
    expect(count(await figure(page, 'figure-party-org'))).toBe(8)
  })

  it('names the imported file and its SHA-256 in the figure\'s provenance card', async () => {
    await page.getByTestId('figure-chambers').locator('[data-testid="figure-source"]').click()
    const card = page.locator('[data-testid="figure-source-card"]')
    await card.waitFor()
    const file = (await card.locator('[data-row="file"] dd').textContent())?.trim() ?? ''
    expect(file).toMatch(new RegExp(`^${FILE} · SHA-256 [0-9a-f]{12}$`))
    expect(await card.locator('[data-row="counts"] dd').textContent()).toContain('本月党组织尚未导入')
  })
})
