import type { ServiceConfig } from '../config.ts'
import type { Store } from '../store/db.ts'
/** `serve`: the cockpit, its feed and the API on one port, until a signal stops it. */
import { buildApp } from '../http/app.ts'
import { note } from './out.ts'

export async function serve(store: Store, config: ServiceConfig): Promise<() => Promise<void>> {
  const { app, publisher } = await buildApp({ store, dist: config.dist, logger: { level: config.logLevel } })
  await app.listen({ port: config.port, host: config.host })
  // Compose before the first wall asks, so its first poll is answered at once.
  await publisher.refresh()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shown = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}/`
  app.log.info({ database: store.engine, url: shown }, `serving the cockpit at ${shown}`)
  note(`驾驶舱已启动：${shown}（数据库：${store.engine === 'pglite' ? `内嵌 PostgreSQL，${config.dataDir}` : 'PostgreSQL 服务器'}）`)
  const stop = async () => {
    await app.close()
    await store.close()
  }
  return stop
}
