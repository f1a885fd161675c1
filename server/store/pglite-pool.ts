/**
 * PGlite behind Kysely's own PostgreSQL dialect, as a pool of one connection. PGlite is a
 * single session: two transactions sharing it would interleave their statements (a BEGIN inside
 * a BEGIN), so a connection is lent to one caller at a time and the next waits for its release.
 * That is also what makes two imports wait for each other here, as the advisory lock makes two
 * of one kind and period do on a server; a caller that waits past `waitMs` gets PostgreSQL's own
 * lock-timeout error (55P03), so an import answers 409 here as it would there.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

type Command = PostgresQueryResult<unknown>['command']
const COMMANDS = new Set<string>(['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE', 'COMMIT', 'ROLLBACK'])

/** Kysely reads the command tag to count affected rows and to see a COMMIT that rolled back. */
function commandOf(sql: string): Command {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
  return (COMMANDS.has(word) ? word : 'SELECT') as Command
}

class LockTimeout extends Error {
  readonly code = '55P03'
}

export function pglitePool(pg: PGlite, waitMs = 15_000): PostgresPool {
  let queue: Promise<void> = Promise.resolve()
  return {
    options: {},
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void
      const turn = new Promise<void>(resolve => release = resolve)
      const before = queue
      queue = before.then(() => turn)
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(resolve, waitMs, 'late')
      })
      const waited = await Promise.race([before.then(() => 'ours' as const), late])
      clearTimeout(timer)
      if (waited === 'late') {
        // Give the turn up when it comes, so the callers queued behind it are not held.
        void before.then(release)
        throw new LockTimeout('the database is busy with another transaction')
      }
      let released = false
      return {
        async query<R>(sql: string | object, parameters?: ReadonlyArray<unknown>) {
          if (typeof sql !== 'string')
            throw new TypeError('PGlite does not stream query results')
          const result = await pg.query<R>(sql, parameters ? [...parameters] : [])
          return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows }
        },
        release() {
          if (!released) {
            released = true
            release()
          }
        },
      } as PostgresPoolClient
    },
    async end() {
      await queue
      await pg.close()
    },
  }
}
