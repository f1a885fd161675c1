/**
 * What only the embedded database needs: one process in a folder, and a writer that waits too
 * long answering as a server's lock timeout would (409), never hanging.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../server/store/db.ts'
import { FolderBusyError, lockFolder } from '../../server/store/folder-lock.ts'
import { pglitePool } from '../../server/store/pglite-pool.ts'

const dirs: string[] = []
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-embedded-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

describe('a PGlite folder', () => {
  it('is opened by one process at a time, and free again once closed', async () => {
    const dir = folder()
    const store = await openStore({ dataDir: dir })
    await expect(openStore({ dataDir: dir })).rejects.toThrow(FolderBusyError)
    expect(() => lockFolder(dir)).toThrow(/正由进程 \d+ 使用/)
    await store.close()
    const again = await openStore({ dataDir: dir })
    await again.close()
  })

  it('is taken over from a process that died holding it', () => {
    const dir = folder()
    // A pid that cannot be alive: far past any pid_max.
    writeFileSync(join(dir, 'cockpit.lock'), '2147483646')
    const release = lockFolder(dir)
    expect(() => lockFolder(dir)).toThrow(FolderBusyError)
    release()
  })
})

describe('the embedded pool', () => {
  it('lends its one connection to one caller at a time, and a caller that waits too long gets a lock timeout (55P03)', async () => {
    const pg = await PGlite.create('memory://')
    const pool = pglitePool(pg, 100)
    const first = await pool.connect()
    await expect(pool.connect()).rejects.toMatchObject({ code: '55P03' })
    first.release()
    const next = await pool.connect()
    const { rows } = await next.query<{ one: number }>('select 1 as one', [])
    expect(rows).toEqual([{ one: 1 }])
    next.release()
    await pool.end()
  })
})
