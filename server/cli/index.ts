/**
 * The command line: `npm run server -- <command>` (service-contract.md, "Interface").
 * Every command opens the database the environment names and applies its migrations first.
 */
import type { Store } from '../store/db.ts'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { isImportKind } from '../../src/import-kinds.ts'
import { runImport } from '../commit/pipeline.ts'
import { ConfigError, readConfig } from '../config.ts'
import { backup, restore, RestoreError } from '../store/backup.ts'
import { migrate, openStore } from '../store/db.ts'
import { FolderBusyError } from '../store/folder-lock.ts'
import { tokenCommand, userCommand } from './accounts.ts'
import { clearDemo, loadDemo } from './demo.ts'
import { CliError, note, say } from './out.ts'
import { serve } from './serve.ts'

const USAGE = `用法：npm run server -- <命令>
  serve                                   启动服务（驾驶舱、数据源与接口，端口 PORT，默认 8080）
  migrate                                 升级数据库结构
  import <类型> <文件> --period <期间> [--dry-run]
  user add <用户名> --role viewer|editor|admin   添加用户（密码：标准输入的第一行）
  user passwd <用户名>                     更改密码（同上）
  user remove <用户名>                     移除用户
  token add <名称> --role editor|admin     发放令牌（只显示这一次）
  token revoke <名称>                      吊销令牌
  backup <文件>                            备份全部数据
  restore <文件>                           以备份替换全部数据
  demo [--clear]                          载入（或清除）演示数据
环境变量：PORT、DATA_DIR（默认 ./data）、DATABASE_URL（postgres://…）`

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function need(value: string | undefined, what: string): string {
  if (!value)
    throw new CliError(`缺少${what}\n${USAGE}`, 2)
  return value
}

async function importCommand(store: Store, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'period': { type: 'string' }, 'dry-run': { type: 'boolean' } } })
  const kind = need(positionals[0], '导入类型')
  const path = need(positionals[1], '文件')
  if (!isImportKind(kind))
    throw new CliError(`没有“${kind}”这种导入`, 2)
  const bytes = await readFile(path).catch(() => {
    throw new CliError(`无法读取文件：${path}`)
  })
  const name = basename(path)
  const outcome = await runImport(store.db, {
    kind,
    period: values.period ?? '',
    file: { name, bytes, contentType: /\.xlsx$/i.test(name) ? XLSX : 'text/csv' },
    who: 'cli',
    dryRun: values['dry-run'] === true,
  })
  if ('error' in outcome)
    throw new CliError(outcome.error.message)
  say(JSON.stringify(outcome.answer, null, 2))
  return outcome.answer.ok ? 0 : 1
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  if (!command || command === 'help' || command === '--help') {
    say(USAGE)
    return command ? 0 : 2
  }
  const known = ['serve', 'migrate', 'import', 'user', 'token', 'backup', 'restore', 'demo']
  if (!known.includes(command))
    throw new CliError(`未知命令：${command}\n${USAGE}`, 2)
  const config = readConfig()
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let keepOpen = false
  try {
    const migration = await migrate(store.db)
    switch (command) {
      case 'serve': {
        const stop = await serve(store, config)
        keepOpen = true
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          process.once(signal, () => void stop().then(() => process.exit(0)))
        return 0
      }
      case 'migrate':
        say(`数据库结构已是最新（迁移 ${migration}）`)
        return 0
      case 'import':
        return await importCommand(store, args)
      case 'user':
        return await userCommand(store.db, args)
      case 'token':
        return await tokenCommand(store.db, args)
      case 'backup': {
        const file = need(args[0], '备份文件')
        await backup(store.db, file)
        note(`已备份到 ${file}`)
        return 0
      }
      case 'restore': {
        const file = need(args[0], '备份文件')
        const counts = await restore(store.db, file).catch((e: unknown) => {
          throw e instanceof RestoreError ? new CliError(e.message) : e
        })
        note(`已从 ${file} 恢复：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`)
        return 0
      }
      case 'demo':
        if (args.includes('--clear')) {
          const n = await clearDemo(store.db)
          note(`已清除演示数据（${n} 条导入记录）`)
          return 0
        }
        await loadDemo(store.db)
        note('演示数据已载入')
        return 0
    }
    return 2
  }
  finally {
    if (!keepOpen)
      await store.close()
  }
}

if (process.argv[1] && /cli[/\\]index\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    if (code !== 0)
      process.exitCode = code
  }, (e: unknown) => {
    if (e instanceof CliError || e instanceof ConfigError || e instanceof FolderBusyError) {
      note(e.message)
      process.exitCode = e instanceof CliError ? e.exitCode : 2
      return
    }
    note(`出错了：${e instanceof Error ? e.stack ?? e.message : String(e)}`)
    process.exitCode = 1
  })
}
