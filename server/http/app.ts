/**
 * The service as a Fastify app: the cockpit, its feed and the API behind one port. It holds no
 * state outside the database but caches derived from it, so replicas can run side by side.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import type { PublisherOptions } from '../publish/publisher.ts'
import type { Store } from '../store/db.ts'
import type { AlertOptions } from '../walls/alerts.ts'
import type { WallsOptions } from './walls-routes.ts'
import { readFileSync } from 'node:fs'
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import Fastify from 'fastify'
import { MAX_FILE_BYTES } from '../commit/pipeline.ts'
import { FeedPublisher } from '../publish/publisher.ts'
import { appliedMigrations } from '../store/db.ts'
import { dataOrigin } from '../store/imports.ts'
import { AlertSweep } from '../walls/alerts.ts'
import { adminRoutes } from './admin-routes.ts'
import { registerAudit } from './audit-hook.ts'
import { sessionCookieName, Sessions } from './auth.ts'
import { backupRoute } from './backup-route.ts'
import { cockpitRoute } from './cockpit-route.ts'
import { errorHandler, sendError } from './errors.ts'
import { feedRoute } from './feed-route.ts'
import { importsRoutes } from './imports-routes.ts'
import { sessionRoutes } from './session-routes.ts'
import { servedBuild, wallSettingsRoutes } from './wall-settings-routes.ts'
import { wallsRoutes } from './walls-routes.ts'

export interface AppOptions {
  store: Store
  /** The built cockpit's folder. */
  dist: string
  logger?: FastifyServerOptions['logger']
  publisher?: PublisherOptions
  /**
   * Whose X-Forwarded-For is believed (Fastify's trustProxy): by default a proxy on this host,
   * as in deploy/. Believing anyone would let a client pick its own address and walk past the
   * sign-in limit per address.
   */
  trustProxy?: FastifyServerOptions['trustProxy']
  /** The walls' alert sweep: its interval, clock and fetch, or none at all (tests sweep by hand). */
  alerts?: AlertOptions
  /** The heartbeat's limit per address and the walls' clock (tests, the bench). */
  walls?: WallsOptions
}

export interface ServiceApp {
  app: FastifyInstance
  publisher: FeedPublisher
  alerts: AlertSweep
}

export async function buildApp(options: AppOptions): Promise<ServiceApp> {
  const { store } = options
  const app = Fastify({
    logger: options.logger ?? false,
    // The file is the body: room for a 20 MB file in a multipart envelope; the pipeline and
    // the parsers hold files to 20 MB exactly.
    bodyLimit: MAX_FILE_BYTES + 64 * 1024,
    trustProxy: options.trustProxy ?? 'loopback',
  })
  app.setErrorHandler(errorHandler)
  // The policy the cockpit runs under behind nginx (deploy/), sent here too: one port alone
  // is as strict as the documented deployment. The API's JSON and files are never markup.
  const policy = readFileSync(new URL('../../deploy/content-security-policy.txt', import.meta.url), 'utf8').trim()
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', policy).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer')
  })
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'NOT_FOUND', `没有这个地址：${request.url.slice(0, 80)}`))
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, parts: 12 } })
  await app.register(fastifyCookie)
  registerAudit(app, store.db)
  const sessions = new Sessions(store.db, await sessionCookieName(store.db))

  const publisher = new FeedPublisher(store.db, app.log, options.publisher)
  app.get('/api/health', async (_request, reply) => {
    try {
      const [migration, origin] = await Promise.all([appliedMigrations(store.db), dataOrigin(store.db)])
      const feed = publisher.health()
      return { ok: true, database: store.engine, migration, demo: origin === 'demo', data: origin, feed }
    }
    catch (e) {
      app.log.error({ err: e }, 'health: database unreachable')
      return reply.code(503).send({ ok: false, database: store.engine, error: { code: 'DATABASE', message: '数据库无法访问' } })
    }
  })
  feedRoute(app, publisher)
  sessionRoutes(app, sessions)
  importsRoutes(app, sessions, publisher)
  adminRoutes(app, sessions)
  backupRoute(app, sessions)
  // Swept from when the app is ready until it closes: every replica sweeps, the store's claims keep them from telling twice.
  const alerts = new AlertSweep(store.db, app.log, options.alerts)
  app.addHook('onReady', async () => alerts.start())
  app.addHook('onClose', async () => alerts.stop())
  // Read once: the fleet's list and its settings name the same build, whatever happens to dist/.
  const served = await servedBuild(options.dist)
  wallSettingsRoutes(app, sessions, { alerts, servedBuild: served })
  await wallsRoutes(app, sessions, { ...options.walls, engine: store.engine, servedBuild: served })
  await cockpitRoute(app, options.dist)
  return { app, publisher, alerts }
}
