/**
 * Walls reporting home, in Chromium against the real service on PGlite: a wall beats to
 * `api/heartbeat` with the key its registration gave, and 大屏状态 lists it as 正常; an admin's
 * reload reaches the live wall, which reloads on the screen it showed; a change of settings
 * reaches it and shows; closed, the wall is 失联 once three of its intervals have passed on the
 * service's clock (moved by the test, never waited for). The wall beats every 5 s.
 */
import type { Browser, Page } from 'playwright-core'
import type { ServiceApp } from '../../server/http/app.ts'
import type { Store } from '../../server/store/db.ts'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToken } from '../../server/auth/tokens.ts'
import { addUser } from '../../server/auth/users.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { buildApp } from '../../server/http/app.ts'
import { migrate, openStore } from '../../server/store/db.ts'
import { csv, PARTY_HEADER, roster } from '../server/files.ts'
import { axeViolations, DIST, launchBrowser, newPage, pageErrors } from './harness.ts'

const PASSWORD = 'correct horse battery'
const WALL = 'hall-1f'
const BEAT_SECONDS = 5

describe('walls report home to the data service', () => {
  let store: Store
  let service: ServiceApp
  let url: string
  let dir: string
  let browser: Browser
  let wall: Page
  let staff: Page
  let wallLoads = 0
  // The service's clock for the walls: real time, moved on by the test.
  let ahead = 0

  beforeAll(async () => {
    // The built cockpit with a config.json of its own: every wall beats home, every 5 s.
    dir = mkdtempSync(join(tmpdir(), 'cockpit-walls-'))
    cpSync(DIST, dir, { recursive: true })
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ heartbeatUrl: 'api/heartbeat', heartbeatSeconds: BEAT_SECONDS }))
    store = await openStore({ dataDir: 'memory://' })
    await migrate(store.db)
    const party = csv([PARTY_HEADER, ...Array.from({ length: 8 }, (_, i) => [`C${String(i + 1).padStart(3, '0')}`, `第${i + 1}商会党支部`, '党支部', 10 + i, '', '是'])])
    expect((await runImport(store.db, { kind: 'chambers', period: '2026-11', file: csv(roster(22)), who: 'test', dryRun: false })).status).toBe(200)
    expect((await runImport(store.db, { kind: 'party', period: '2026-11', file: party, who: 'test', dryRun: false })).status).toBe(200)
    await addUser(store.db, 'anna', 'admin', PASSWORD)
    const token = await addToken(store.db, 'setup', 'admin')
    service = await buildApp({ store, dist: dir, publisher: { recheckMs: 0 }, alerts: { disabled: true }, walls: { now: () => Date.now() + ahead } })
    url = await service.app.listen({ port: 0, host: '127.0.0.1' })
    const registered = await fetch(`${url}/api/walls`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: WALL, name: '一楼大厅', place: '市工商联一楼' }),
    })
    expect(registered.status).toBe(201)
    const { key } = await registered.json() as { key: string }
    browser = await launchBrowser()
    wall = await newPage(browser)
    wall.on('load', () => wallLoads++)
    await wall.goto(`${url}/?screen=${WALL}&heartbeatKey=${encodeURIComponent(key)}&view=rankings&rotate=0&interval=5`)
    await wall.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    staff = await newPage(browser, { width: 1366, height: 768 })
    await staff.goto(`${url}/#/walls`)
    await staff.getByTestId('signin-name').fill('anna')
    await staff.getByTestId('signin-password').fill(PASSWORD)
    await staff.getByTestId('signin-submit').click()
    await staff.getByTestId('session-user').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await service?.app.close()
    await store?.close()
    if (dir)
      rmSync(dir, { recursive: true, force: true })
  })

  /** The fleet page's word for the wall, as read after a fresh load (the page also refreshes every 15 s). */
  async function stateOnFleet(): Promise<string> {
    await staff.goto(`${url}/#/walls`)
    await staff.reload()
    const row = staff.getByTestId(`wall-${WALL}`)
    await row.waitFor()
    return (await row.getByTestId('wall-state').textContent())?.trim() ?? ''
  }

  /** The status of the wall's newest command, as its page lists it. */
  async function lastCommand(): Promise<string> {
    await staff.reload()
    const list = staff.getByTestId('wall-commands')
    await list.waitFor()
    return (await list.locator('tbody tr').first().textContent()) ?? ''
  }

  it('lists the beating wall as 正常, by its name, with its build and screen; the page passes axe and fits a laptop', async () => {
    await expect.poll(stateOnFleet, { timeout: 20_000 }).toContain('正常')
    const row = await staff.getByTestId(`wall-${WALL}`).textContent()
    expect(row).toContain('一楼大厅')
    expect(row).toContain('1920×1080')
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    expect(await axeViolations(staff)).toEqual([])
    // Nothing about the heartbeat on the wall: its beats are counted where an operator looks.
    expect(Number(await wall.evaluate(() => document.documentElement.dataset.heartbeats))).toBeGreaterThan(0)
    expect(await wall.evaluate(() => document.documentElement.dataset.heartbeatFailures)).toBe('0')
    expect(await wall.getByTestId('config-problem').count()).toBe(0)
  })

  it('an admin\'s reload reaches the live wall, which reloads once on the screen it showed, and the page says 已执行', async () => {
    const loads = wallLoads
    await staff.goto(`${url}/#/walls/${WALL}`)
    await staff.getByTestId('wall-reload').click()
    await expect.poll(() => wallLoads, { timeout: 20_000 }).toBe(loads + 1)
    await wall.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    expect(await wall.getByTestId('wall').getAttribute('data-screen')).toBe('rankings')
    await expect.poll(lastCommand, { timeout: 20_000 }).toContain('已执行')
    // Applied once: the beats after it carry no second reload.
    await wall.waitForTimeout(BEAT_SECONDS * 1000 + 500)
    expect(wallLoads).toBe(loads + 1)
  })

  it('a change of settings reaches the wall, which shows it, and keeps it across a reload', async () => {
    await staff.goto(`${url}/#/walls/${WALL}`)
    await staff.getByTestId('wall-settings-theme').selectOption('light')
    await staff.getByTestId('wall-settings-send').click()
    await expect.poll(() => wall.evaluate(() => document.documentElement.dataset.theme), { timeout: 20_000 }).toBe('light')
    await expect.poll(lastCommand, { timeout: 20_000 }).toContain('已执行')
    await wall.reload()
    await wall.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    expect(await wall.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    expect(pageErrors(wall), pageErrors(wall).join('\n')).toEqual([])
  })

  it('closed, the wall is 失联 once three of its intervals have passed without a beat', async () => {
    await wall.close()
    expect(await stateOnFleet()).toContain('正常')
    ahead += (3 * BEAT_SECONDS + 1) * 1000
    expect(await stateOnFleet()).toContain('失联')
  })
})
