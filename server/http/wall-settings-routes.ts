/**
 * The fleet's settings (walls-api.md): when figures count as stale, when a lasting problem
 * raises an alert, and the robot told of it. Anyone signed in reads them; the webhook's address
 * holds the robot's secret, so only an admin sees it, sets it, or sends it a test. The audit
 * names what changed, never the address.
 */
import type { FastifyInstance } from 'fastify'
import type { FleetSettings } from '../../src/walls.ts'
import type { StoredFleetSettings } from '../store/wall-incidents.ts'
import type { AlertSweep } from '../walls/alerts.ts'
import type { Sessions } from './auth.ts'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { mayAct } from '../../src/accounts.ts'
import { formatCount } from '../../src/format/numbers.ts'
import { alertMinutesLimits, staleMinutesLimits, webhookProblem } from '../../src/walls.ts'
import { changeFleetSettings, readFleetSettings } from '../store/wall-incidents.ts'
import { HttpError, sendError } from './errors.ts'

const BODY_LIMIT = 16 * 1024
/** As src/upkeep/build-version.ts reads version.json: a longer id is no build of ours. */
const MAX_BUILD_CHARS = 100

/** The build this service serves (version.json beside index.html), or null when there is none. */
export async function servedBuild(dist: string): Promise<string | null> {
  try {
    const { version } = JSON.parse(await readFile(join(dist, 'version.json'), 'utf8')) as { version?: unknown }
    return typeof version === 'string' && version.length > 0 && version.length <= MAX_BUILD_CHARS ? version : null
  }
  catch {
    return null
  }
}

const count = (n: number) => formatCount(n, { locale: 'zh-CN' })

function minutes(what: string, [min, max]: readonly [number, number]) {
  const range = `${what}应为 ${count(min)}–${count(max)} 分钟之间的整数`
  return v.optional(v.pipe(v.number(range), v.integer(range), v.minValue(min, range), v.maxValue(max, range)))
}

const settingsChange = v.strictObject({
  staleMinutes: minutes('数据陈旧时限', staleMinutesLimits),
  alertMinutes: minutes('告警时限', alertMinutesLimits),
  // An empty field in the form removes the webhook, as null does.
  webhookUrl: v.optional(v.nullable(v.pipe(
    v.string('Webhook 地址应为文字，或 null 表示不设'),
    v.trim(),
    v.check(url => url === '' || webhookProblem(url) === null, issue => `Webhook 地址有误：${webhookProblem(String(issue.input))}`),
    v.transform(url => url === '' ? null : url),
  ))),
}, '设置应为 JSON 对象，只含 staleMinutes、alertMinutes、webhookUrl')

function answer(s: StoredFleetSettings, admin: boolean, build: string | null): FleetSettings {
  return {
    staleMinutes: s.staleMinutes,
    alertMinutes: s.alertMinutes,
    webhookSet: s.webhookUrl !== null,
    webhookUrl: admin ? s.webhookUrl : null,
    servedBuild: build,
    webhookProblem: admin ? s.webhookProblem : null,
  }
}

export interface WallSettingsRouteOptions {
  alerts: AlertSweep
  /** The build this service serves (version.json), read once at start; null when none. */
  servedBuild: string | null
}

export function wallSettingsRoutes(app: FastifyInstance, sessions: Sessions, options: WallSettingsRouteOptions): void {
  const { db } = sessions

  app.get('/api/wall-settings', async (request) => {
    const who = await sessions.require(request, 'viewer')
    return answer(await readFleetSettings(db), mayAct(who.role, 'admin'), options.servedBuild)
  })

  app.put('/api/wall-settings', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'wall.settings' } } }, async (request) => {
    await sessions.require(request, 'admin')
    const parsed = v.safeParse(settingsChange, request.body)
    if (!parsed.success)
      throw new HttpError(400, 'BAD_REQUEST', parsed.issues[0].message)
    const change = parsed.output
    if (change.staleMinutes === undefined && change.alertMinutes === undefined && change.webhookUrl === undefined)
      throw new HttpError(400, 'BAD_REQUEST', '请提供要修改的设置：staleMinutes、alertMinutes 或 webhookUrl')
    request.auditTarget = [
      change.staleMinutes !== undefined && `staleMinutes=${change.staleMinutes}`,
      change.alertMinutes !== undefined && `alertMinutes=${change.alertMinutes}`,
      change.webhookUrl !== undefined && (change.webhookUrl === null ? 'webhook 移除' : 'webhook 设置'),
    ].filter(Boolean).join(' ')
    return answer(await changeFleetSettings(db, change), true, options.servedBuild)
  })

  app.post('/api/wall-settings/test', { config: { audit: { action: 'wall.settings', target: () => 'webhook 测试' } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    const { webhookUrl } = await readFleetSettings(db)
    if (webhookUrl === null)
      return sendError(reply, 409, 'NO_WEBHOOK', '尚未设置 Webhook 地址，无法发送测试消息')
    const problem = await options.alerts.sendTest(webhookUrl)
    if (problem !== null)
      return sendError(reply, 502, 'WEBHOOK', `测试消息未送达：${problem}`)
    return { ok: true }
  })
}
