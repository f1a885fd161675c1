/**
 * How many charts each poll touches: every chart is a WallChart, whose root `.wall-chart` names
 * it (`aria-label`) and counts the option updates it took (`data-updates`: 1 when drawn, +1 for
 * each changed option; an unchanged option never reaches ECharts). The counts of all charts are
 * read before and after each poll on the fake clock, on the overview screen at 1×, and the
 * feed sections that changed are worked out from the mock's own documents at the two instants.
 *
 * - study ticks: five-second ticks from 10:00, so every poll brings new study points. The
 *   mock's members join two to five an hour at random instants (mock/live.ts) and a party
 *   organisation is set up one hour in four, so almost every tick changes the study section
 *   alone; a poll that changed another section too is shown, and not judged as study-only.
 * - a members poll: the live day moved two hours back, so members have joined meanwhile.
 * - an unchanged feed: one-hour ticks, so the feed holds still and every poll is a 304 (after
 *   the one poll that takes the switch of tick in).
 */
import type { Page } from 'playwright-core'
import type { MockState } from '../mock/control.ts'
import type { Bench } from './wall.ts'
import { createMockFeed } from '../mock/generate.ts'
import { zhCN } from '../src/i18n/zh-CN.ts'
import { nextStatus, status, step } from '../test/e2e/wall-page.ts'
import { closePage, openWall, resetMock } from './wall.ts'

/** The overview's charts drawn from today's study points: the branch ranking (the individuals list is no chart). */
export const STUDY_CHARTS: readonly string[] = [zhCN['chart.branchesTop8']]

export type Phase = 'study tick' | 'members join' | 'tick → 1 h' | 'unchanged'

export interface PollUpdates {
  phase: Phase
  /** The mock's (and the page's) time of the poll, in Shanghai. */
  at: string
  answer: 200 | 304
  /** Feed sections whose content changed since the previous poll (the envelope's generatedAt always does). */
  sections: string[]
  /** Option updates handed to ECharts in this poll, all charts together. */
  setOptions: number
  /** Per chart that took any: its updates in this poll. */
  charts: Record<string, number>
}

export interface UpdatesResult {
  /** The charts on the overview screen, by aria-label. */
  charts: string[]
  studyCharts: readonly string[]
  polls: PollUpdates[]
}

const HOUR_MS = 3_600_000
const ENVELOPE = new Set(['schemaVersion', 'generatedAt', 'meta'])

function readCharts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {}
    for (const el of document.querySelectorAll('.wall-chart')) {
      let label = el.getAttribute('aria-label') ?? '(no label)'
      for (let n = 2; label in out; n++)
        label = `${el.getAttribute('aria-label') ?? '(no label)'} #${n}`
      out[label] = Number(el.getAttribute('data-updates') ?? 0)
    }
    return out
  })
}

/** The feed document the mock serves in state `s`, as a plain object. */
function documentAt(s: MockState): Record<string, unknown> {
  const feed = createMockFeed({ seed: s.seed, scale: s.scale, tickSeconds: s.tick, startAt: new Date(s.startAt) })
  return feed.snapshot(new Date(s.now ?? Date.now())) as unknown as Record<string, unknown>
}

function changedSections(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(k => !ENVELOPE.has(k))
  return keys.filter(k => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
}

const shanghaiTime = (iso: string | null) => iso ? new Date(Date.parse(iso) + 8 * HOUR_MS).toISOString().slice(11, 19) : '?'

/** One poll on the fake clock, with the mock a tick further (and `params` switched): what it touched. */
async function poll(bench: Bench, page: Page, phase: Phase, params: Record<string, string | number> = {}): Promise<PollUpdates> {
  const before = await readCharts(page)
  const was = bench.app.state()
  const shown = await status(page)
  await step(page, bench.app, 5_000, params)
  await nextStatus(page, shown, 120_000)
  await page.clock.runFor(2_000) // the update's animation, on the fake clock
  const after = await readCharts(page)
  const now = bench.app.state()
  const answer = now.notModified > was.notModified ? 304 : 200
  const charts: Record<string, number> = {}
  for (const [label, n] of Object.entries(after)) {
    if (n !== (before[label] ?? 0))
      charts[label] = n - (before[label] ?? 0)
  }
  return {
    phase,
    at: shanghaiTime(now.now),
    answer,
    sections: answer === 304 ? [] : changedSections(documentAt(was), documentAt(now)),
    setOptions: Object.values(charts).reduce((a, n) => a + n, 0),
    charts,
  }
}

export async function chartUpdates(bench: Bench, polls: number): Promise<UpdatesResult> {
  resetMock(bench.app, 1, 5)
  const page = await openWall(bench, { fakeClock: true })
  try {
    await page.clock.runFor(2_000)
    const charts = Object.keys(await readCharts(page))
    const out: PollUpdates[] = []
    for (let i = 0; i < polls; i++)
      out.push(await poll(bench, page, 'study tick'))
    const startAt = Date.parse(bench.app.state().startAt) - 2 * HOUR_MS
    out.push(await poll(bench, page, 'members join', { startAt: new Date(startAt).toISOString() }))
    out.push(await poll(bench, page, 'tick → 1 h', { tick: 3600 }))
    for (let i = 0; i < polls; i++)
      out.push(await poll(bench, page, 'unchanged'))
    return { charts, studyCharts: STUDY_CHARTS, polls: out }
  }
  finally {
    await closePage(page)
  }
}

/** Polls that changed the study section and nothing else. */
export const studyOnly = (r: UpdatesResult) => r.polls.filter(p => p.phase === 'study tick' && p.answer === 200 && p.sections.join() === 'study')
export const unchanged = (r: UpdatesResult) => r.polls.filter(p => p.phase === 'unchanged')

/** The per-poll listing printed under the table. */
export function updatesListing(r: UpdatesResult): string {
  const rows = r.polls.map((p, i) => [
    String(i + 1),
    p.phase,
    p.at,
    String(p.answer),
    p.sections.join(', ') || '—',
    String(p.setOptions),
    Object.entries(p.charts).map(([label, n]) => n > 1 ? `${label} ×${n}` : label).join('、') || '—',
  ])
  const head = ['poll', 'what', 'mock time', 'answer', 'sections changed', 'setOption', 'charts updated']
  const w = head.map((h, c) => Math.max(h.length, ...rows.map(row => row[c]!.length)))
  const line = (cells: string[]) => cells.map((cell, c) => c === cells.length - 1 ? cell : cell.padEnd(w[c]!)).join('  ').trimEnd()
  return [
    `chart updates per poll (1×, overview screen; charts: ${r.charts.join('、')})`,
    line(head),
    line(w.map(n => '-'.repeat(n))),
    ...rows.map(line),
  ].join('\n')
}
