import type { ChildProcess } from 'node:child_process'
/**
 * A trace of a page in a Chromium that no DevTools client is attached to. Playwright's own
 * DevTools session keeps a network log and decodes every XHR body into it (about 80 ms per
 * 20 MB feed, on the page's main thread): a wall never pays that, so the snapshot costs are
 * measured with Chromium's startup tracing instead.
 *
 * Clean-up never fails the run: Chromium is stopped first and waited for, then its folder is
 * removed with retries, since a child process still writing into the profile made `rm` fail
 * with ENOTEMPTY once; a folder that still cannot be removed is reported and left.
 */
import type { TraceEvent } from './trace.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { BROWSER_ARGS, browserPath } from '../scripts/browser.ts'

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

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Resolves once `child` has exited, or after `ms` (then false). */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** Stops Chromium and removes its folder; a failure is reported on stderr and never thrown. */
async function cleanUp(child: ChildProcess, dir: string): Promise<void> {
  try {
    // SIGTERM: Chromium shuts down and ends its renderer, GPU and crash-handler processes itself.
    child.kill('SIGTERM')
    if (!await exited(child, 10_000)) {
      child.kill('SIGKILL')
      await exited(child, 5_000)
    }
    await sleep(300) // its child processes end just after it, and may still be writing the profile
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
  catch (error) {
    process.stderr.write(`  (could not remove ${dir}: ${error instanceof Error ? error.message : String(error)}; left in place)\n`)
  }
}

/** Opens `url` at 1920×1080 and records `seconds` of trace from the browser's start. */
export async function traceStartup(url: string, seconds: number): Promise<TraceEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-trace-'))
  const file = join(dir, 'trace.json')
  const browser = spawn(browserPath(), [
    ...BROWSER_ARGS,
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
      await sleep(1000)
      const events = readTrace(file)
      if (events)
        return events
      if (Date.now() > until)
        throw new Error(`no trace from Chromium within ${seconds + 60} s`)
    }
  }
  finally {
    await cleanUp(browser, dir)
  }
}
