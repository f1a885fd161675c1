/**
 * One Chromium for the whole e2e run: started once here, reached by every test file through
 * `launchBrowser()` (harness.ts), which connects to it. Each test still opens contexts of its
 * own, so files share the process, never cookies, storage or caches.
 */
import type { TestProject } from 'vitest/node'
import { chromium } from 'playwright-core'
import { BROWSER_ARGS, browserPath } from '../../scripts/browser.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared browser's Playwright endpoint. */
    browserEndpoint: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: browserPath(), args: BROWSER_ARGS })
  project.provide('browserEndpoint', server.wsEndpoint())
  return () => server.close()
}
