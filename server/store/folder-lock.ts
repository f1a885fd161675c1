/**
 * One process at a time in a PGlite folder. PGlite is embedded: a second process opening the
 * same folder would keep its own copy of the pages and the two would silently drift apart (a
 * backup run by cron beside `serve`, say). A lock file naming the owner's pid is taken
 * exclusively; one left by a process that died (kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

export class FolderBusyError extends Error {}

const LOCK = 'cockpit.lock'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder for this process; returns the release. */
export function lockFolder(dir: string): () => void {
  const path = join(dir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw e
      const owner = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && alive(owner))
        throw new FolderBusyError(`数据目录 ${dir} 正由进程 ${owner} 使用（内嵌数据库同一时间只能由一个进程打开）。请先停止它；运行中的服务可经 GET /api/backup 备份，多个副本请改用 DATABASE_URL`)
      // Left by a process that is gone: take it over.
      rmSync(path, { force: true })
    }
  }
  throw new FolderBusyError(`无法锁定数据目录 ${dir}`)
}
