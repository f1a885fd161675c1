/**
 * A pack with a screen that cannot be drawn: a feed whose daily study series stopped two months
 * ago leaves the trend screen's study chart with nothing to draw. The snapshot names that screen
 * and its chart, leaves its images out and exits 1 (the rest of a pack is still written: the
 * snapshot carries on past a failed part). (A file of its own so that
 * it runs beside the full pack of snapshot-pixels.test.ts, not after it.)
 */
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSnapshot, withApp } from './harness.ts'

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cockpit-refusal-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('a screen whose chart never draws', () => {
  const env = withApp()

  it('fails the snapshot, naming the screen and the chart, and leaves its images out of the pack', async () => {
    // The mock's feed as a data platform whose daily study series stopped two months ago sends
    // it: the trend screen's study chart runs on to today with nothing in it.
    const feed = await (await fetch(env.app.feedUrl)).json() as { series: { interval: string, points: { date?: string }[] }[] }
    const back = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10)
    const stalled = JSON.stringify({
      ...feed,
      series: feed.series.map(s => s.interval === 'day' ? { ...s, points: s.points.map(p => ({ ...p, date: back(p.date!) })) } : s),
    })
    const server = createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(stalled))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const out = join(tmp, 'stalled')
      const r = await runSnapshot(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cockpit.json`, out, '--only', 'screens', '--screens', 'trends')
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^snapshot: 1 part of the pack failed its check:\n {2}trends: the app could not export it: the chart "[^"]+" has no data to draw\n$/)
      // Neither size of it: a blank slide never reaches a meeting.
      expect(await readdir(out)).toEqual([])
    }
    finally {
      server.closeAllConnections()
      server.close()
    }
  }, 600_000)
})
