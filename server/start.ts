import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
/**
 * `npm start`: the whole product in one line. Builds the cockpit when its build is missing or
 * older than its sources, loads the demo world into an empty database, then serves. A second
 * start on the same data goes straight to serving.
 */
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { loadDemo } from './cli/demo.ts'
import { CliError, note } from './cli/out.ts'
import { serve } from './cli/serve.ts'
import { ConfigError, readConfig } from './config.ts'
import { migrate, openStore } from './store/db.ts'
import { FolderBusyError } from './store/folder-lock.ts'
import { dataOrigin } from './store/imports.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function newestIn(path: string): number {
  if (!existsSync(path))
    return 0
  const stat = statSync(path)
  if (!stat.isDirectory())
    return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map(name => newestIn(join(path, name))))
}

function buildIfNeeded(dist: string): void {
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0
  const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map(p => newestIn(join(ROOT, p))))
  if (built >= sources)
    return
  note(built ? '驾驶舱的源文件有更新，正在重新构建……' : '正在构建驾驶舱（首次启动，约需一分钟）……')
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0)
    throw new CliError('驾驶舱构建失败，见上方信息')
}

async function start(): Promise<void> {
  // A person at a terminal reads the progress lines; the request log (JSON, for a service
  // manager) speaks only of warnings unless LOG_LEVEL asks for more.
  const config = { ...readConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn' }
  buildIfNeeded(config.dist)
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrate(store.db)
  if (await dataOrigin(store.db) === 'empty') {
    note('数据库是空的：载入演示数据（30 个月的名册、党组织、计划报备、上报总数与 30 天学习积分，经导入流程写入）')
    await loadDemo(store.db)
  }
  const stop = await serve(store, config)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stop().then(() => process.exit(0)))
}

start().catch((e: unknown) => {
  note(e instanceof CliError || e instanceof ConfigError || e instanceof FolderBusyError ? e.message : `启动失败：${e instanceof Error ? e.stack ?? e.message : String(e)}`)
  process.exit(1)
})
