/**
 * The walls' API (walls-api.md): the heartbeat every wall posts, and the fleet staff read and an
 * admin looks after. Thin: reading a beat, the rules and the SQL are in walls/ and store/.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Engine } from '../store/db.ts'
import type { Sessions } from './auth.ts'
import rateLimit from '@fastify/rate-limit'
import * as v from 'valibot'
import { formatCount } from '../../src/format/numbers.ts'
import { dwellSecondsLimits, MAX_BEAT_BYTES, wallSettingsSchema } from '../../src/walls.ts'
import { addReloadForAll, addWallCommand, changeWall, registerWall, rekeyWall, removeWall, wallStatus } from '../store/walls.ts'
import { readBeat } from '../walls/beat.ts'
import { fleetCommands, FleetReader } from '../walls/fleet.ts'
import { FOLD_EVERY_MS, foldWallHours } from '../walls/fold.ts'
import { newWallKey } from '../walls/keys.ts'
import { PendingBeats } from '../walls/pending.ts'
import { BeatReceiver } from '../walls/receive.ts'
import { errorHandler, HttpError, sendError } from './errors.ts'

export interface WallsOptions {
  /**
   * Beats one address may send in a minute, all walls behind it together.
   * @default 300
   */
  beatsPerAddressPerMinute?: number
  /** The walls' clock, ms (tests move it; the rate limit per address keeps real time). */
  now?: () => number
  /**
   * Rows nobody registered kept at most (tests hold a flood against a smaller cap).
   * @default MAX_PENDING_WALLS
   */
  maxPendingWalls?: number
}

export interface WallsRouteOptions extends WallsOptions {
  /** The build this service serves (version.json), read once at start; null when none. */
  servedBuild: string | null
  /** Which database: PGlite's pruned beats are vacuumed by hand. */
  engine: Engine
}

/** An admin's forms (a name, a place, a wall's settings), in JSON. */
const BODY_LIMIT = 16 * 1024

const count = (n: number) => formatCount(n, { locale: 'zh-CN' })
const noControl = (s: string) => !/\p{Cc}/u.test(s)

function text(what: string, min: number, max: number) {
  const words = min > 0 ? `${what}应为 ${count(min)}–${count(max)} 个字符` : `${what}最多 ${count(max)} 个字符`
  return v.pipe(v.string(`${what}应为文字`), v.trim(), v.minLength(min, words), v.maxLength(max, words), v.check(noControl, `${what}不能含控制字符`))
}

const screenIdField = text('大屏编号（screenId）', 1, 64)
const nameField = text('名称', 1, 40)
const placeField = text('位置', 0, 60)

const newWallForm = v.strictObject({ screenId: screenIdField, name: nameField, place: v.optional(placeField, '') }, '请求体应为 JSON 对象，只含 screenId、name、place')
const wallChange = v.strictObject({ name: v.optional(nameField), place: v.optional(placeField) }, '请求体应为 JSON 对象，只含 name、place')
const commandForm = v.variant('type', [
  v.strictObject({ type: v.literal('reload') }),
  v.strictObject({ type: v.literal('settings'), settings: v.unknown() }),
], '命令应为 {"type":"reload"} 或 {"type":"settings","settings":{…}}')
const fleetCommandForm = v.strictObject({ type: v.literal('reload', '可向全部大屏发送的命令只有 {"type":"reload"}') }, '可向全部大屏发送的命令只有 {"type":"reload"}')

function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const read = v.safeParse(schema, body)
  if (!read.success)
    throw new HttpError(400, 'BAD_REQUEST', read.issues[0].message)
  return read.output
}

/** An admin's settings for one wall, as the wall will take them; else 400 naming the field and its range. */
export function checkWallSettings(settings: unknown): Record<string, unknown> {
  const read = v.safeParse(wallSettingsSchema, settings)
  if (!read.success) {
    const issue = read.issues[0]
    const path = v.getDotPath(issue)
    if (path === null)
      throw new HttpError(400, 'BAD_SETTINGS', '设置应为 JSON 对象，只含 rotate、theme、maskNames')
    if (issue.type === 'strict_object' && issue.expected === 'never')
      throw new HttpError(400, 'BAD_SETTINGS', `未知的设置项：${path.slice(0, 60)}`)
    throw new HttpError(400, 'BAD_SETTINGS', `设置项 ${path} 有误：应为 ${issue.expected ?? '有效值'}，实为 ${issue.received.slice(0, 40)}`)
  }
  const dwell = read.output.rotate?.dwellSeconds
  const [min, max] = dwellSecondsLimits
  if (dwell !== undefined && (dwell < min || dwell > max))
    throw new HttpError(400, 'BAD_SETTINGS', `设置项 rotate.dwellSeconds 应在 ${count(min)}–${count(max)} 秒之间，实为 ${dwell}`)
  return read.output
}

type WithId = FastifyRequest<{ Params: { screenId: string } }>
const wallOf = (r: FastifyRequest) => (r.params as { screenId?: string }).screenId ?? ''
const bodyScreenId = (r: FastifyRequest) => String((r.body as { screenId?: unknown } | null)?.screenId ?? '')

/** A beat's own words for the limits Fastify enforces before the handler. */
function beatErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendError(reply, 413, 'TOO_LARGE', `心跳超过 ${count(MAX_BEAT_BYTES)} 字节的上限`)
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendError(reply, 415, 'UNSUPPORTED_TYPE', '心跳应以 text/plain 或 application/json 发送')
  return errorHandler(error, request, reply)
}

export async function wallsRoutes(app: FastifyInstance, sessions: Sessions, options: WallsRouteOptions): Promise<void> {
  const { db } = sessions
  const now = options.now ?? Date.now
  const at = () => ({ nowMs: now(), servedBuild: options.servedBuild })
  const pending = new PendingBeats(db, app.log, { cap: options.maxPendingWalls })
  const receiver = new BeatReceiver(db, pending)
  const fleet = new FleetReader(db)

  /** 404 for a screenId with no listed wall, 409 for one still pending (no key, no commands). */
  const refuseUnregistered = async (screenId: string): Promise<never> => {
    await pending.flush()
    if (await wallStatus(db, screenId) === 'pending')
      throw new HttpError(409, 'WALL_PENDING', `大屏“${screenId.slice(0, 64)}”尚待确认：请先登记`)
    throw new HttpError(404, 'NOT_FOUND', `没有大屏“${screenId.slice(0, 64)}”`)
  }

  // The heartbeat in a scope of its own: raw bytes under its own limit, its own rate limit, and
  // any origin (it carries no cookie and reads nothing back but its commands).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(['text/plain', 'application/json'], { parseAs: 'buffer', bodyLimit: MAX_BEAT_BYTES }, (_request, body, done) => done(null, body))
    scope.setErrorHandler(beatErrors)
    scope.addHook('onRequest', async (_request, reply) => {
      reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'no-store')
    })
    // Counted in memory before the body is read: a refused beat costs no query.
    await scope.register(rateLimit, {
      max: options.beatsPerAddressPerMinute ?? 300,
      timeWindow: 60_000,
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      errorResponseBuilder: () => new HttpError(429, 'TOO_MANY_BEATS', '此地址的心跳过于频繁，请稍后再试'),
    })

    scope.post('/api/heartbeat', { bodyLimit: MAX_BEAT_BYTES }, async (request, reply) => {
      const read = readBeat(request.body)
      if (!read.ok)
        return sendError(reply, 400, 'BAD_BEAT', read.message)
      const outcome = await receiver.receive(read.beat, { address: request.ip, nowMs: now() })
      switch (outcome.status) {
        case 200:
          return { commands: outcome.commands }
        case 202:
          return reply.code(202).send({ commands: [] })
        case 429:
          reply.header('Retry-After', String(outcome.retryAfterSeconds))
          return sendError(reply, 429, 'TOO_MANY_BEATS', '此大屏的心跳过于频繁，请稍后再试')
        default:
          return sendError(reply, outcome.status, outcome.code, outcome.message)
      }
    })
    // A wall that posts JSON from another origin asks first.
    scope.options('/api/heartbeat', { config: { rateLimit: false } }, async (_request, reply) => reply.code(204)
      .header('Access-Control-Allow-Methods', 'POST')
      .header('Access-Control-Allow-Headers', 'Content-Type')
      .header('Access-Control-Max-Age', '86400')
      .send())
  })

  app.get('/api/walls', async (request, reply) => {
    await sessions.require(request, 'viewer')
    await pending.flush()
    reply.header('Cache-Control', 'no-store')
    return fleet.entries(at())
  })

  app.get('/api/walls/:screenId', async (request: WithId, reply) => {
    await sessions.require(request, 'viewer')
    await pending.flush()
    const { screenId } = request.params
    const wall = await fleet.entry(screenId, at())
    if (!wall)
      return sendError(reply, 404, 'NOT_FOUND', `没有大屏“${screenId.slice(0, 64)}”`)
    reply.header('Cache-Control', 'no-store')
    return { wall, commands: await fleetCommands(db, screenId) }
  })

  app.post('/api/walls', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'wall.register', target: bodyScreenId } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    const form = parse(newWallForm, request.body)
    request.auditTarget = `${form.screenId} ${form.name}`
    const { key, hash } = newWallKey()
    // A pending wall registered keeps its last beat, the one still waiting to be written too.
    await pending.flush()
    if (!await registerWall(db, { ...form, keyHash: hash, at: new Date(now()) }))
      return sendError(reply, 409, 'EXISTS', `大屏“${form.screenId}”已登记；要换密钥，请用“重新生成密钥”`)
    return reply.code(201).header('Cache-Control', 'no-store').send({ screenId: form.screenId, key })
  })

  app.patch('/api/walls/:screenId', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'wall.change', target: wallOf } } }, async (request: WithId) => {
    await sessions.require(request, 'admin')
    const { screenId } = request.params
    const change = parse(wallChange, request.body)
    if (change.name === undefined && change.place === undefined)
      throw new HttpError(400, 'BAD_REQUEST', '请提供新的名称（name）或位置（place）')
    request.auditTarget = [screenId, change.name, change.place].filter(s => s !== undefined).join(' ')
    if (!await changeWall(db, screenId, change))
      return refuseUnregistered(screenId)
    return (await fleet.entry(screenId, at()))!
  })

  app.post('/api/walls/:screenId/key', { config: { audit: { action: 'wall.key', target: wallOf } } }, async (request: WithId, reply) => {
    await sessions.require(request, 'admin')
    const { screenId } = request.params
    const { key, hash } = newWallKey()
    if (!await rekeyWall(db, screenId, hash))
      return refuseUnregistered(screenId)
    return reply.header('Cache-Control', 'no-store').send({ screenId, key })
  })

  app.delete('/api/walls/:screenId', { config: { audit: { action: 'wall.remove', target: wallOf } } }, async (request: WithId, reply) => {
    await sessions.require(request, 'admin')
    const { screenId } = request.params
    await pending.flush()
    const done = await removeWall(db, screenId)
    if (done === null)
      return sendError(reply, 404, 'NOT_FOUND', `没有大屏“${screenId.slice(0, 64)}”`)
    request.auditTarget = `${screenId} ${done === 'removed' ? '移除' : '拒绝'}`
    return { ok: true }
  })

  const commandAction = (r: FastifyRequest) => (r.body as { type?: unknown } | null)?.type === 'settings' ? 'wall.settings' as const : 'wall.command' as const
  app.post('/api/walls/:screenId/commands', { bodyLimit: BODY_LIMIT, config: { audit: { action: commandAction, target: wallOf } } }, async (request: WithId, reply) => {
    const who = await sessions.require(request, 'admin')
    const { screenId } = request.params
    const form = parse(commandForm, request.body)
    const settings = form.type === 'settings' ? JSON.stringify(checkWallSettings(form.settings)) : undefined
    request.auditTarget = [screenId, form.type, settings].filter(s => s !== undefined).join(' ')
    const id = await addWallCommand(db, { screenId, type: form.type, settings, who: who.name, at: new Date(now()) })
    if (id === null)
      return refuseUnregistered(screenId)
    return reply.code(201).send({ id })
  })

  app.post('/api/walls/commands', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'wall.command', target: () => '全部大屏 reload' } } }, async (request, reply) => {
    const who = await sessions.require(request, 'admin')
    parse(fleetCommandForm, request.body)
    const ids = await addReloadForAll(db, who.name, new Date(now()))
    return reply.code(201).send({ ids })
  })

  // Every replica folds: the fold is an upsert of what the beats determine, so two agree.
  let folding = false
  const timer = setInterval(() => {
    if (folding)
      return
    folding = true
    foldWallHours(db, new Date(now()), options.engine)
      .catch((e: unknown) => app.log.error({ err: e }, 'walls: folding the hours failed'))
      .finally(() => {
        folding = false
      })
  }, FOLD_EVERY_MS)
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await pending.flush()
  })
}
