import type { Browser } from 'playwright-core'
import type { MockServer } from '../../mock/serve.ts'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../../mock/serve.ts'
import { DIST, launchBrowser, openPage, pageErrors } from './harness.ts'

/** The built app with its config.json replaced, as an operator would edit it on the server. */
async function deployWith(config: string): Promise<{ server: MockServer, dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-config-'))
  cpSync(DIST, dir, { recursive: true })
  writeFileSync(join(dir, 'config.json'), config)
  return { server: await startMockServer({ port: 0, dist: dir }), dir }
}

describe('the runtime config.json', () => {
  let browser: Browser
  const cleanup: (() => Promise<void>)[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const f of cleanup) await f()
    await browser?.close()
  })
  async function open(config: string, query = '') {
    const { server, dir } = await deployWith(config)
    cleanup.push(async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    })
    const page = await openPage(browser, `${server.url}${query}`)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    return page
  }

  it('masks names by default', async () => {
    const page = await open('{}')
    const names = await page.locator('[data-testid="study-individuals"] .name').allTextContents()
    expect(names.length).toBeGreaterThan(0)
    for (const name of names)
      expect(name).toContain('*')
  })

  it('takes the title, name masking and rotation from the file', async () => {
    const page = await open(JSON.stringify({ title: '测试会议室大屏', maskNames: false, rotate: { enabled: true, dwellSeconds: 10, views: ['overview', 'rankings'] } }))
    expect(await page.locator('h1').textContent()).toBe('测试会议室大屏')
    const names = await page.locator('[data-testid="study-individuals"] .name').allTextContents()
    expect(names.some(n => n.includes('*'))).toBe(false)
    await page.getByTestId('rotation-progress').waitFor({ state: 'attached' })
    expect(pageErrors(page)).toEqual([])
  })

  it('lets the query override the file for one screen', async () => {
    const page = await open(JSON.stringify({ maskNames: false }), '?mask=1')
    const names = await page.locator('[data-testid="study-individuals"] .name').allTextContents()
    expect(names.every(n => n.includes('*'))).toBe(true)
  })

  it('names a broken file on screen and runs on defaults, never blank', async () => {
    const page = await open('{ "feedUrl": ')
    expect(await page.getByTestId('config-problem').textContent()).toContain('config.json 不是有效的 JSON')
    expect(await page.locator('[data-testid="figure-chambers"] .number').textContent()).toBe('446')
  })

  it('drops only the bad settings of a partly wrong file, and says which', async () => {
    const page = await open(JSON.stringify({ pollIntervalSeconds: 1, kiosk: 'yes', maskNames: false }))
    const problem = await page.getByTestId('config-problem').textContent()
    expect(problem).toContain('pollIntervalSeconds')
    expect(problem).toContain('kiosk')
    const names = await page.locator('[data-testid="study-individuals"] .name').allTextContents()
    expect(names.some(n => n.includes('*'))).toBe(false)
  })
})
