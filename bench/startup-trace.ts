/**
 * A trace of a page in a Chromium that no DevTools client is attached to. Playwright's own
 * DevTools session keeps a network log and decodes every XHR body into it (about 80 ms per
 * 20 MB feed, on the page's main thread): a wall never pays that, so the snapshot costs are
 * measured with Chromium's startup tracing instead.
 */
import type { TraceEvent } from './trace.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/harness.ts'

const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline'

function readTrace(file: string): TraceEvent[] | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
    return Array.isArray(raw) ? raw : raw.traceEvents ?? null
  }
  catch {
    return null // not written yet, or half written
  }
}

/** Opens `url` at 1920×1080 and records `seconds` of trace from the browser's start. */
export async function traceStartup(url: string, seconds: number): Promise<TraceEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-trace-'))
  const file = join(dir, 'trace.json')
  const browser = spawn(CHROMIUM_PATH, [
    ...CHROMIUM_ARGS,
    `--user-data-dir=${join(dir, 'profile')}`,
    '--window-size=1920,1080',
    `--trace-startup=${CATEGORIES}`,
    `--trace-startup-file=${file}`,
    `--trace-startup-duration=${seconds}`,
    '--trace-startup-format=json',
    url,
  ], { stdio: 'ignore' })
  try {
    const until = Date.now() + (seconds + 60) * 1000
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, 1000))
      const events = readTrace(file)
      if (events)
        return events
      if (Date.now() > until)
        throw new Error(`no trace from Chromium within ${seconds + 60} s`)
    }
  }
  finally {
    const exited = new Promise(resolve => browser.once('exit', resolve))
    browser.kill()
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
}
