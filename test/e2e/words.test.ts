/**
 * A Chinese wall speaks Chinese whatever goes wrong: every fault the mock can serve (on the
 * overview and a group screen, which hold every kind of panel and the header), hostile settings
 * and the data-warnings page are walked in zh-CN, and no Latin-script sentence may appear. Field paths, ids, "HTTP 503" and "JSON" are code and single words; a sentence is three
 * Latin words in a row ("feed answered HTTP", "expected a list").
 */
import type { Page } from 'playwright-core'
import type { Fault } from '../../mock/faults.ts'
import type { App } from './harness.ts'
import { describe, expect, it } from 'vitest'
import { FAULTS } from '../../mock/faults.ts'
import { newPage, pageErrors, withApp } from './harness.ts'
import { INTERVAL_MS, step, waitForRequests, waitForWall } from './wall-page.ts'

const T0 = Date.parse('2026-11-26T06:00:00.000Z') // 14:00 in Hangzhou: the study has points
/** The app cuts a request after 10 s (config.json's timeoutSeconds). */
const TIMEOUT_MS = 10_000
const SENTENCE = /[A-Z]{2,}(?:[ ,;:]+[A-Z]+){2,}/gi

function latinSentences(text: string): string[] {
  return text.match(SENTENCE) ?? []
}

/** Every text on the page a reader or a screen reader meets: text nodes, titles, labels. */
async function pageWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = []
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (!node.parentElement?.closest('script, style'))
        parts.push(node.textContent ?? '')
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
      for (const name of ['title', 'aria-label', 'alt', 'placeholder'])
        parts.push(el.getAttribute(name) ?? '')
    }
    parts.push(document.title)
    return parts.join('\n')
  })
}

/**
 * Moves the page's clock on until the app polls again, with the mock switched to `params`:
 * failures back off (1×, 2×, 4× the interval), so the next poll may be several intervals away.
 */
async function nextPoll(page: Page, app: App, params: Record<string, string | number>): Promise<void> {
  const requests = app.state().requests
  for (let i = 0; i < 40; i++) {
    await step(page, app, INTERVAL_MS, params)
    try {
      await waitForRequests(app, requests, 500)
      return
    }
    catch {} // not due yet: one more interval
  }
  throw new Error('the app stopped polling')
}

/** What the header must say for a failing fault: proof the walk reached it, in Chinese. */
const SAID: Partial<Record<Fault, string>> = {
  'slow': '秒内无响应',
  '5xx': 'HTTP 503',
  'malformed': '不是有效的 JSON',
  'invalid': '已拒收：没有可用的必需部分',
  'oversize': '上限',
}

/** The header's status and reason: one of them moves with every answer. */
async function feedLine(page: Page): Promise<string> {
  return page.evaluate(() => ['feed-status', 'feed-reason'].map(id => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').join(' | '))
}

describe('every word in the reader\'s language', () => {
  const env = withApp()

  it('the sentence detector finds the English the wall used to show', () => {
    expect(latinSentences('数据源 · feed answered HTTP 503')).toEqual(['feed answered HTTP'])
    expect(latinSentences('study.individuals[2].pointsToday: expected a non-negative number, got -3')).toEqual(['pointsToday: expected a non', 'negative number, got'])
    expect(latinSentences('数据源返回 HTTP 503 · 数据不是有效的 JSON（开头为 <!DOCTYPE html>）· true 或 false')).toEqual([])
  })

  for (const view of ['overview', 'group:g1'] as const) {
    it(`${view}: each fault of the mock, said in Chinese`, async () => {
      const { app } = env
      app.control({ fault: 'none', now: new Date(T0).toISOString() })
      const page = await newPage(env.browser)
      await page.clock.install({ time: T0 })
      await page.goto(`${app.url}?interval=5&view=${view}`)
      if (view === 'overview')
        await waitForWall(page)
      else await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })

      const seen: Record<string, string[]> = {}
      for (const fault of FAULTS) {
        const before = await feedLine(page)
        await nextPoll(page, app, { fault, delayMs: 120_000 })
        if (fault === 'slow')
          await page.clock.fastForward(TIMEOUT_MS)
        // The status line moves with every answer (its time or its reason); the panels follow.
        const said = SAID[fault] ?? '实时'
        await expect.poll(async () => {
          const line = await feedLine(page)
          return line !== before && line.includes(said)
        }, { timeout: 30_000, message: `${fault}: ${said}` }).toBe(true)
        seen[fault] = latinSentences(await pageWords(page))
      }
      expect(seen).toEqual(Object.fromEntries(FAULTS.map(f => [f, []])))
      const expected = /status of 503|ERR_ABORTED|ERR_EMPTY_RESPONSE/
      expect(pageErrors(page).filter(e => !expected.test(e))).toEqual([])
      await page.context().close()
    }, 240_000)
  }

  it('a feed refused from the first poll, and hostile settings, are said in Chinese', async () => {
    const { app } = env
    app.control({ fault: 'invalid', now: new Date(T0).toISOString() })
    const page = await newPage(env.browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=1e9&rotate=0.001&feed=https://elsewhere.example/cockpit.json&mask=0`)
    await page.locator('[data-testid="feed-reason"]', { hasText: '已拒收' }).waitFor()
    await expect(page.getByTestId('config-problem').count()).resolves.toBe(1)
    expect(latinSentences(await pageWords(page))).toEqual([])
    await page.context().close()
  })

  it('the data-warnings page, with a broken section and a duplicate id, is said in Chinese', async () => {
    const { app } = env
    app.control({ fault: 'broken-section', now: new Date(T0).toISOString() })
    const page = await newPage(env.browser, { width: 1440, height: 900 })
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=5#/warnings`)
    await expect.poll(() => pageWords(page), { timeout: 30_000 }).toContain('study.individuals[12].pointsToday')
    expect(latinSentences(await pageWords(page))).toEqual([])
    await nextPoll(page, app, { fault: 'duplicate-id' })
    await expect.poll(() => pageWords(page), { timeout: 30_000 }).not.toContain('study.individuals[12].pointsToday')
    expect(latinSentences(await pageWords(page))).toEqual([])
    await page.context().close()
  })
})
