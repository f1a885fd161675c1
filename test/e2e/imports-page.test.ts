/**
 * The import page as staff meet it, in Chromium against the real service on PGlite: sign in,
 * dry run a workbook with one bad row and read its error, fix it, commit, and watch the wall's
 * figure move on its next poll; withdraw it and watch it move back; the audit log names who did
 * it; an editor cannot reach the admin pages; hostile names stay text; a session that runs out
 * mid-way keeps the chosen file. (It took over the wall-on-the-service checks of the script
 * import's e2e: a script's import is the same request, tested in test/server.)
 */
import type { Browser, Page } from 'playwright-core'
import type { ServiceApp } from '../../server/http/app.ts'
import type { Store } from '../../server/store/db.ts'
import { Buffer } from 'node:buffer'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUser } from '../../server/auth/users.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { buildApp } from '../../server/http/app.ts'
import { migrate, openStore } from '../../server/store/db.ts'
import { csv, PARTY_HEADER, roster, ROSTER_HEADER } from '../server/files.ts'
import { axeViolations, DIST, launchBrowser, newPage, pageErrors } from './harness.ts'
import { count, figure } from './wall-page.ts'

const FILE = '2026年12月商会名册.xlsx'
const PASSWORD = 'correct horse battery'
const HOSTILE_USER = '<b id="injected">x</b>'

/** December's roster as Excel saves it: a title row, then the header, then 25 chambers. */
async function workbook(change: (row: (string | number | Date)[], i: number) => void = () => {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('商会名册')
  sheet.addRow(['2026年12月商会名册'])
  sheet.addRow(ROSTER_HEADER)
  roster(25).slice(1).forEach((row, i) => {
    const cells: (string | number | Date)[] = row.map((cell, c) => (c === 7 ? new Date(Date.UTC(2026, 11, 2)) : cell))
    change(cells, i + 1)
    sheet.addRow(cells)
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function signIn(page: Page, name: string, password = PASSWORD): Promise<void> {
  await page.getByTestId('signin-name').fill(name)
  await page.getByTestId('signin-password').fill(password)
  await page.getByTestId('signin-submit').click()
}

async function choose(page: Page, name: string, buffer: Buffer): Promise<void> {
  const mimeType = name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer })
}

async function chambersOnWall(wall: Page, n: number): Promise<void> {
  await wall.waitForFunction(want => document.querySelector('[data-testid="figure-chambers"] .number')?.textContent?.trim() === want, String(n), { timeout: 20_000 })
}

/** Errors but the browser's own line for an answer the page expects: 401 while signed out, a wrong password. */
const unexpectedErrors = (page: Page) => pageErrors(page).filter(e => !/status of 401/.test(e))

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

describe('the import page on the data service', () => {
  let store: Store
  let service: ServiceApp
  let url: string
  let browser: Browser
  let wall: Page
  let staff: Page

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' })
    await migrate(store.db)
    const party = csv([PARTY_HEADER, ...Array.from({ length: 8 }, (_, i) => [`C${String(i + 1).padStart(3, '0')}`, `第${i + 1}商会党支部`, '党支部', 10 + i, '', '是'])])
    for (const [kind, period, file] of [
      ['chambers', '2026-10', csv(roster(20))],
      ['party', '2026-10', party],
      ['chambers', '2026-11', csv(roster(22))],
      ['party', '2026-11', party],
    ] as const)
      expect((await runImport(store.db, { kind, period, file, who: 'test', dryRun: false })).status).toBe(200)
    await addUser(store.db, '王芳', 'editor', PASSWORD)
    await addUser(store.db, 'anna', 'admin', PASSWORD)
    await addUser(store.db, HOSTILE_USER, 'viewer', PASSWORD)
    service = await buildApp({ store, dist: DIST, publisher: { recheckMs: 0 } })
    url = await service.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchBrowser()
    wall = await newPage(browser)
    await wall.goto(`${url}/?interval=5&rotate=0`)
    await chambersOnWall(wall, 22)
    // Live on the service's latest month, 较上月 from the stored months.
    await wall.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    expect(await wall.getByTestId('figure-chambers').getByTestId('figure-changes').textContent()).toContain('较上月 ▲ +2')
    staff = await newPage(browser, { width: 1366, height: 768 })
    await staff.goto(`${url}/#/imports`)
  })

  afterAll(async () => {
    await browser?.close()
    await service?.app.close()
    await store?.close()
  })

  it('signs in: a wrong password is said in words, the right one shows who is signed in', async () => {
    await signIn(staff, '王芳', 'not the password')
    expect(await staff.getByTestId('signin-error').textContent()).toContain('用户名或密码不正确')
    await signIn(staff, '王芳')
    await staff.getByTestId('session-user').waitFor()
    expect(await staff.getByTestId('session-user').textContent()).toContain('王芳')
  })

  it('dry runs a workbook with one bad row and names its row, as Excel numbers it, and column; nothing is committed', async () => {
    await staff.getByTestId('import-kind').selectOption('chambers')
    await staff.getByTestId('import-period').fill('2026-12')
    // The 7th chamber sits on Excel's row 9: a title row and the header come first.
    await choose(staff, FILE, await workbook((row, i) => {
      if (i === 7)
        row[6] = '很多'
    }))
    const errors = staff.getByTestId('dryrun-errors')
    await errors.waitFor({ timeout: 20_000 })
    const text = await errors.textContent()
    expect(text).toContain('9')
    expect(text).toContain('会员数')
    expect(await staff.getByTestId('import-commit').count()).toBe(0)
    expect(count(await figure(wall, 'figure-chambers'))).toBe(22)
  })

  it('takes the fixed workbook: the dry run shows what is added, the commit lands, and the wall\'s 较上月 moves on its next poll', async () => {
    await choose(staff, FILE, await workbook())
    await staff.getByTestId('import-commit').waitFor({ timeout: 20_000 })
    expect(await staff.getByTestId('dryrun-summary').textContent()).toMatch(/25/)
    expect(await staff.getByTestId('dryrun-changes').textContent()).toContain('C001')
    expect(await noHorizontalScroll(staff)).toBe(true)
    expect(await axeViolations(staff)).toEqual([])
    await staff.getByTestId('import-commit').click()
    await staff.getByTestId('import-done').waitFor({ timeout: 20_000 })
    await chambersOnWall(wall, 25)
    expect(await wall.getByTestId('figure-chambers').getByTestId('figure-changes').textContent()).toContain('较上月 ▲ +3')
    // The provenance card names the file and its SHA-256, never the person.
    await wall.getByTestId('figure-chambers').locator('[data-testid="figure-source"]').click()
    const card = wall.locator('[data-testid="figure-source-card"]')
    await card.waitFor()
    expect((await card.locator('[data-row="file"] dd').textContent())?.trim()).toMatch(new RegExp(`^${FILE} · SHA-256 [0-9a-f]{12}$`))
    expect(await card.textContent()).not.toContain('王芳')
    await wall.keyboard.press('Escape')
    // December has no party file yet: the count is November's, said so, never a 0.
    expect(count(await figure(wall, 'figure-party-org'))).toBe(8)
    await wall.getByTestId('figure-party-org').locator('[data-testid="figure-source"]').click()
    await card.waitFor()
    expect(await card.locator('[data-row="counts"] dd').textContent()).toContain('本月党组织尚未导入')
    await wall.keyboard.press('Escape')
  })

  it('lists the commit in the history and withdraws it after a confirmation that says what December goes back to', async () => {
    const history = staff.getByTestId('import-history')
    await history.getByText(FILE).first().waitFor({ timeout: 10_000 })
    const id = (await listImportIds())[0]!
    await staff.getByTestId(`withdraw-${id}`).click()
    const dialog = staff.getByTestId('withdraw-confirm')
    await dialog.waitFor()
    await staff.getByTestId('withdraw-restores').waitFor()
    // December had nothing before: the confirmation says the period will be empty.
    expect(await staff.getByTestId('withdraw-restores').textContent()).toMatch(/没有数据|无数据|空/)
    await staff.getByTestId('withdraw-confirm-yes').click()
    await staff.getByTestId('withdraw-outcome').waitFor({ timeout: 10_000 })
    await chambersOnWall(wall, 22)
  })

  it('shows the audit log to an admin, naming who committed; an editor cannot reach the admin pages', async () => {
    await staff.goto(`${url}/#/admin/users`)
    await staff.getByTestId('admin-forbidden').waitFor()
    expect(await staff.getByTestId('users-table').count()).toBe(0)
    const admin = await newPage(browser, { width: 1440, height: 900 })
    await admin.goto(`${url}/#/admin/audit`)
    await signIn(admin, 'anna')
    const table = admin.getByTestId('audit-table')
    await table.waitFor({ timeout: 10_000 })
    const text = await table.textContent()
    expect(text).toContain('王芳')
    expect(text).toContain(FILE)
    expect(await noHorizontalScroll(admin)).toBe(true)
    expect(await axeViolations(admin)).toEqual([])
    // A user's name that is markup is listed as the characters typed.
    await admin.getByTestId('nav-users').click()
    await admin.getByTestId('users-table').waitFor()
    expect(await admin.getByTestId('users-table').textContent()).toContain(HOSTILE_USER)
    expect(await admin.locator('#injected').count()).toBe(0)
    expect(unexpectedErrors(admin)).toEqual([])
    await admin.close()
    await staff.goto(`${url}/#/imports`)
  })

  it('keeps markup in a file name and a cell as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">'
    await choose(staff, `${hostile}.csv`, Buffer.from(csv(roster(3, (r) => {
      r[1] = `${hostile}商会`
    })).bytes))
    await staff.getByTestId('dryrun-summary').waitFor({ timeout: 20_000 })
    expect(await staff.getByTestId('import-chosen').textContent()).toContain(hostile)
    expect(await staff.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await staff.locator('main img').count()).toBe(0)
  })

  it('keeps the chosen file when the session runs out, and commits it after signing in again', async () => {
    await choose(staff, FILE, await workbook())
    await staff.getByTestId('import-commit').waitFor({ timeout: 20_000 })
    await sql`delete from sessions`.execute(store.db)
    await staff.getByTestId('import-commit').click()
    await staff.getByTestId('signin-name').waitFor({ timeout: 10_000 })
    expect(await staff.getByTestId('import-chosen').textContent()).toContain(FILE)
    await signIn(staff, '王芳')
    await staff.getByTestId('import-commit').click()
    await staff.getByTestId('import-done').waitFor({ timeout: 20_000 })
    await chambersOnWall(wall, 25)
    expect(unexpectedErrors(staff)).toEqual([])
  })

  it('makes a meeting pack as of an earlier month\'s end from the months the service keeps', async () => {
    const page = await newPage(browser, { width: 1440, height: 900 })
    await page.goto(`${url}/#/pack`)
    const month = page.getByTestId('pack-as-of')
    await month.locator('option[value="2026-10"]').waitFor({ state: 'attached', timeout: 20_000 })
    await month.selectOption('2026-10')
    // The overview, by the wall's own export, read from the feed as of 31 October.
    const chosen = page.getByTestId('pack-chosen')
    for (const key of await chosen.locator('li').evaluateAll(l => l.map(x => x.getAttribute('data-key')))) {
      if (key !== 'overview')
        await chosen.locator(`li[data-key="${key}"]`).getByRole('button', { name: /^移出/ }).click()
    }
    await page.getByTestId('pack-build').click()
    // Made, or refused with the reason: either ends the wait, and only the first passes.
    const outcome = () => page.evaluate(() => document.querySelector('[data-testid="pack-failed"]')?.textContent?.trim() ?? document.querySelectorAll('[data-testid="pack-preview"] img').length)
    await expect.poll(outcome, { timeout: 120_000 }).not.toBe(0)
    expect(await outcome()).toBe(1)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  }, 240_000)

  /** The history's import ids, newest first, from the API the page reads. */
  async function listImportIds(): Promise<number[]> {
    return staff.evaluate(async () => {
      const res = await fetch('api/imports')
      const list = await res.json() as { importId: number, action: string }[]
      return list.filter(i => i.action === 'import').map(i => i.importId)
    })
  }
})
