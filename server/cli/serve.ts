import type { ServiceConfig } from '../config.ts'
import type { Store } from '../store/db.ts'
/** `serve`: the cockpit, its feed and the API on one port, until a signal stops it. */
import { hasUsers } from '../auth/users.ts'
import { buildApp } from '../http/app.ts'
import { note } from './out.ts'

export async function serve(store: Store, config: ServiceConfig): Promise<() => Promise<void>> {
  const { app, publisher } = await buildApp({ store, dist: config.dist, logger: { level: config.logLevel }, trustProxy: config.trustProxy })
  await app.listen({ port: config.port, host: config.host })
  // Compose before the first wall asks, so its first poll is answered at once.
  await publisher.refresh()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shown = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}/`
  app.log.info({ database: store.engine, url: shown }, `serving the cockpit at ${shown}`)
  note(`驾驶舱已启动：${shown}（数据库：${store.engine === 'pglite' ? `内嵌 PostgreSQL，${config.dataDir}` : 'PostgreSQL 服务器'}）`)
  // Nobody can sign in to the import page yet: say how the first admin is made. An embedded
  // database is this process's alone, so the command runs while the service is stopped.
  if (!await hasUsers(store.db)) {
    const stopFirst = store.engine === 'pglite' ? '先停止服务（Ctrl+C），' : ''
    note(`还没有用户，无法登录导入页。${stopFirst}运行 npm run server -- user add <姓名> --role admin（按提示输入密码）添加第一位管理员，再在 ${shown}#/imports 登录`)
  }
  const stop = async () => {
    await app.close()
    await store.close()
  }
  return stop
}
