/**
 * Alerts (issue 24, item 5): a wall 失联 or 数据陈旧 for longer than the alert time opens an
 * incident, which closes when the wall is neither; the webhook hears each incident once when it
 * opens and once when it closes. The decisions are pure functions of the walls' rows and a clock;
 * the runner sweeps every 30 s, and the store's claims keep replicas from telling anything twice.
 * A message names the wall, its state and times, nothing else: never a figure, never a person.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { WallFacts } from '../../src/walls.ts'
import type { Database } from '../store/schema.ts'
import type { MessageKind, SweepWallRow } from '../store/wall-incidents.ts'
import { formatCount } from '../../src/format/numbers.ts'
import { formatDateTime } from '../../src/format/time.ts'
import { alerting, stateOnsetMs, wallState, webhookProblem } from '../../src/walls.ts'
import { claimMessage, dueMessages, messageFailed, messageSent, openIncident, readFleetSettings, recoverIncident, setWebhookProblem, sweepWalls } from '../store/wall-incidents.ts'

export const SWEEP_MS = 30_000
export const WEBHOOK_TIMEOUT_MS = 10_000
/** How long a replica holds a message it is sending; one that dies meanwhile lets another retry after it. */
export const CLAIM_LEASE_MS = 5 * 60_000
export const MAX_BACKOFF_MINUTES = 60
/** A message not delivered in this long (of back-off) is given up: the robot's address is wrong, not busy. */
export const GIVE_UP_MINUTES = 24 * 60
/** How much of an answer is read: enough for a robot's `{ errcode, errmsg }`. */
const ANSWER_BYTES = 64 * 1024
const BRAND = '【杭州市工商联数字驾驶舱】'
const ZH = { locale: 'zh-CN' } as const

/** The wait after the `failures`-th failed try: 1, 2, 4, … minutes, at most an hour. */
export function backoffMinutes(failures: number): number {
  return Math.min(MAX_BACKOFF_MINUTES, 2 ** Math.max(0, failures - 1))
}

/** Tries in all before a message is given up: the last comes just inside GIVE_UP_MINUTES of the first. */
export const MAX_ATTEMPTS = (() => {
  let tries = 0
  for (let waited = 0; waited < GIVE_UP_MINUTES; waited += backoffMinutes(tries))
    tries += 1
  return tries
})()

const finite = (x: unknown): number | null => typeof x === 'number' && Number.isFinite(x) ? x : null
function timeMs(x: unknown): number | null {
  const ms = typeof x === 'string' ? Date.parse(x) : Number.NaN
  return Number.isNaN(ms) ? null : ms
}

/** The state rules' facts from a wall's row; the served build is no alert's business. */
export function factsOf(w: SweepWallRow): WallFacts {
  return {
    registered: w.registered,
    lastSeenMs: w.lastSeenAt?.getTime() ?? null,
    intervalSeconds: finite(w.intervalSeconds),
    errors: finite(w.errors) ?? 0,
    generatedMs: timeMs(w.generatedAt),
    uptimeSeconds: finite(w.uptimeSeconds),
    build: null,
    servedBuild: null,
  }
}

export interface AlertRules {
  nowMs: number
  staleMinutes: number
  alertMinutes: number
}

export type IncidentStep
  = | { kind: 'open', screenId: string, state: 'lost' | 'stale', startedMs: number, lastSeenAt: Date | null }
    | { kind: 'recover', screenId: string, incidentId: number, recoveredMs: number }

/**
 * What the sweep does to the incidents: open one for a wall alerting without one, close the one
 * of a wall that is neither lost nor stale. A wall that turns from lost to stale (it beats
 * again, with old figures) or back keeps its incident: it has not been right in between.
 */
export function incidentSteps(walls: readonly SweepWallRow[], rules: AlertRules): IncidentStep[] {
  const steps: IncidentStep[] = []
  for (const w of walls) {
    const facts = factsOf(w)
    const state = wallState(facts, rules)
    const troubled = state === 'lost' || state === 'stale'
    if (w.openIncidentId !== null) {
      // Right again since the beat that said so; a wall no longer registered, since now.
      if (!troubled)
        steps.push({ kind: 'recover', screenId: w.screenId, incidentId: w.openIncidentId, recoveredMs: w.registered ? Math.min(facts.lastSeenMs ?? rules.nowMs, rules.nowMs) : rules.nowMs })
      continue
    }
    const onset = stateOnsetMs(state, facts, rules)
    if (troubled && onset !== null && alerting(state, onset, rules.nowMs, rules.alertMinutes))
      steps.push({ kind: 'open', screenId: w.screenId, state, startedMs: onset, lastSeenAt: w.lastSeenAt })
  }
  return steps
}

export const stateWords = { lost: '失联', stale: '数据陈旧' } as const

/** Text an admin typed, on one line: a robot shows it as it is. */
const line = (s: string, max: number) => s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ').trim().slice(0, max)

function wallWords(name: string, screenId: string): string {
  const n = line(name, 40)
  const id = line(screenId, 64)
  return n ? `大屏“${n}”（${id}）` : `大屏（${id}）`
}

const beijing = (ms: number) => `${formatDateTime(ms, ZH)}（北京时间）`

/** "2 小时 5 分钟": how long the wall was in trouble, to the minute (to the hour past a day). */
export function durationWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000))
  const n = (x: number, unit: string) => `${formatCount(x, ZH)} ${unit}`
  const both = (big: number, bigUnit: string, small: number, smallUnit: string) => small > 0 ? `${n(big, bigUnit)} ${n(small, smallUnit)}` : n(big, bigUnit)
  if (minutes < 60)
    return n(minutes, '分钟')
  const hours = Math.floor(minutes / 60)
  return hours < 24 ? both(hours, '小时', minutes % 60, '分钟') : both(Math.floor(hours / 24), '天', hours % 24, '小时')
}

export interface IncidentMessage {
  name: string
  screenId: string
  state: 'lost' | 'stale'
  startedMs: number
}

export function openingMessage(m: IncidentMessage): string {
  return `${BRAND}${wallWords(m.name, m.screenId)}${stateWords[m.state]}，自 ${formatDateTime(m.startedMs, ZH)} 起（北京时间）。`
}

export function recoveryMessage(m: IncidentMessage & { recoveredMs: number }): string {
  return `${BRAND}${wallWords(m.name, m.screenId)}已恢复正常，${beijing(m.recoveredMs)}；异常持续 ${durationWords(m.recoveredMs - m.startedMs)}。`
}

export function testMessage(nowMs: number): string {
  return `${BRAND}测试消息：大屏告警的 Webhook 已接通，${beijing(nowMs)}。大屏失联或数据陈旧超过设定时间时，将在此通知。`
}

/** The body DingTalk's and WeCom's robots both take. */
export function webhookBody(content: string): string {
  return JSON.stringify({ msgtype: 'text', text: { content } })
}

export interface WebhookOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** @default WEBHOOK_TIMEOUT_MS */
  timeoutMs?: number
}

/** The first bytes of an answer; the rest is dropped unread. */
async function answerText(res: Response): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader)
    return ''
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < ANSWER_BYTES) {
    const { done, value } = await reader.read()
    if (done)
      break
    chunks.push(value)
    size += value.byteLength
  }
  await reader.cancel().catch(() => {})
  const bytes = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.byteLength
  }
  return new TextDecoder().decode(bytes.subarray(0, ANSWER_BYTES))
}

/** A robot answers 200 to a message it refused (a bad token, a keyword missing), saying so in `errcode`. */
function refusal(text: string): string | null {
  let answer: unknown
  try {
    answer = JSON.parse(text)
  }
  catch {
    return null
  }
  const { errcode, errmsg } = (typeof answer === 'object' && answer !== null ? answer : {}) as { errcode?: unknown, errmsg?: unknown }
  if (typeof errcode !== 'number' || errcode === 0)
    return null
  return `对方拒收（errcode ${errcode}）${typeof errmsg === 'string' ? `：${line(errmsg, 100)}` : ''}`
}

/**
 * Posts `content` to the webhook: null when it was taken, else why not, in Chinese. Never
 * follows a redirect (a robot does not move; a redirect elsewhere would carry the message to
 * someone else), sends no cookie, waits at most the timeout. The reason never quotes the
 * address: it holds the robot's secret.
 */
export async function sendWebhook(url: string, content: string, options: WebhookOptions = {}): Promise<string | null> {
  const bad = webhookProblem(url)
  if (bad)
    return `Webhook 地址有误：${bad}`
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: webhookBody(content),
      redirect: 'manual',
      credentials: 'omit',
      signal,
    })
    const text = await answerText(res)
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400))
      return `对方要求转到别的地址（HTTP ${res.status}），未跟随`
    if (res.status < 200 || res.status >= 300)
      return `对方答复 HTTP ${res.status}`
    return refusal(text)
  }
  catch (e) {
    if (signal.aborted)
      return `超过 ${formatCount(Math.max(1, Math.round(timeoutMs / 1000)), ZH)} 秒无答复`
    const code = (e as { cause?: { code?: unknown } }).cause?.code
    return typeof code === 'string' ? `无法连接（${line(code, 40)}）` : '无法连接'
  }
}

export interface AlertOptions extends WebhookOptions {
  /** Between the end of one sweep and the start of the next. @default SWEEP_MS */
  intervalMs?: number
  /** @default Date.now */
  now?: () => number
  /** No timer (tests sweep by hand); the test message still goes. */
  disabled?: boolean
}

export interface SweepReport {
  opened: number
  recovered: number
  sent: number
  failed: number
}

export class AlertSweep {
  private timer: ReturnType<typeof setTimeout> | null = null
  private active = false
  private running: Promise<SweepReport> | null = null
  private readonly intervalMs: number
  private readonly now: () => number
  private readonly disabled: boolean
  private readonly webhook: WebhookOptions

  constructor(private readonly db: Kysely<Database>, private readonly log: FastifyBaseLogger, options: AlertOptions = {}) {
    this.intervalMs = options.intervalMs ?? SWEEP_MS
    this.now = options.now ?? Date.now
    this.disabled = options.disabled ?? false
    this.webhook = { ...(options.fetch && { fetch: options.fetch }), ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) }
  }

  /** Sweeps every interval from now on, each after the last has finished; the timer keeps no process alive. */
  start(): void {
    if (this.disabled || this.active)
      return
    this.active = true
    this.schedule()
  }

  /** No more sweeps; resolves once the one under way has finished. */
  async stop(): Promise<void> {
    this.active = false
    if (this.timer !== null)
      clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  /** One sweep; a call while one runs shares it. Never rejects: a failure is logged, and the next sweep tries again. */
  sweep(): Promise<SweepReport> {
    this.running ??= this.run().finally(() => this.running = null)
    return this.running
  }

  /** Sends the test message to `url` now: null when it went, else why not (kept as the webhook's problem). */
  async sendTest(url: string): Promise<string | null> {
    const problem = await sendWebhook(url, testMessage(this.now()), this.webhook)
    await setWebhookProblem(this.db, problem === null ? null : `测试消息未送达：${problem}`)
    return problem
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null
      void this.sweep().then(() => {
        if (this.active)
          this.schedule()
      })
    }, this.intervalMs)
    this.timer.unref()
  }

  private async run(): Promise<SweepReport> {
    const report: SweepReport = { opened: 0, recovered: 0, sent: 0, failed: 0 }
    try {
      const settings = await readFleetSettings(this.db)
      const nowMs = this.now()
      const steps = incidentSteps(await sweepWalls(this.db), { nowMs, staleMinutes: settings.staleMinutes, alertMinutes: settings.alertMinutes })
      for (const step of steps) {
        if (step.kind === 'open') {
          if (await openIncident(this.db, { screenId: step.screenId, state: step.state, startedAt: new Date(step.startedMs), openedAt: new Date(nowMs), lastSeenAt: step.lastSeenAt })) {
            report.opened += 1
            this.log.info({ screenId: step.screenId, state: step.state }, 'alerts: incident opened')
          }
        }
        else if (await recoverIncident(this.db, step.incidentId, new Date(step.recoveredMs))) {
          report.recovered += 1
          this.log.info({ screenId: step.screenId }, 'alerts: incident closed')
        }
      }
      // No webhook: the incidents are kept all the same, for the page and for a webhook set later.
      if (settings.webhookUrl !== null)
        await this.deliver(settings.webhookUrl, report)
    }
    catch (e) {
      this.log.error({ err: e }, 'alerts: sweep failed')
    }
    return report
  }

  private async deliver(url: string, report: SweepReport): Promise<void> {
    for (const m of await dueMessages(this.db, new Date(this.now()), MAX_ATTEMPTS)) {
      const at = this.now()
      const attempts = await claimMessage(this.db, m.incidentId, m.kind, new Date(at), new Date(at + CLAIM_LEASE_MS), MAX_ATTEMPTS)
      if (attempts === null)
        continue
      const about = { name: m.name, screenId: m.screenId, state: m.state, startedMs: m.startedAt.getTime() }
      const content = m.kind === 'open' ? openingMessage(about) : recoveryMessage({ ...about, recoveredMs: m.recoveredAt!.getTime() })
      const problem = await sendWebhook(url, content, this.webhook)
      const doneAt = this.now()
      if (problem === null) {
        await messageSent(this.db, m.incidentId, m.kind, new Date(doneAt))
        await setWebhookProblem(this.db, null)
        report.sent += 1
        continue
      }
      await this.failed(m.incidentId, m.kind, m.screenId, attempts + 1, doneAt, problem)
      report.failed += 1
    }
  }

  private async failed(id: number, kind: MessageKind, screenId: string, failures: number, atMs: number, problem: string): Promise<void> {
    const givenUp = failures >= MAX_ATTEMPTS
    const what = kind === 'open' ? '告警' : '恢复通知'
    const words = givenUp
      ? `已放弃：${screenId} 的${what} ${formatCount(failures, ZH)} 次均未送达（最后一次：${problem}）`
      : `${screenId} 的${what}未送达：${problem}，${formatCount(backoffMinutes(failures), ZH)} 分钟后重试`
    await messageFailed(this.db, id, kind, givenUp ? null : new Date(atMs + backoffMinutes(failures) * 60_000), words)
    await setWebhookProblem(this.db, words)
    if (givenUp)
      this.log.error({ screenId, kind, failures, problem }, 'alerts: webhook message given up')
    else this.log.warn({ screenId, kind, failures, problem }, 'alerts: webhook message failed')
  }
}
