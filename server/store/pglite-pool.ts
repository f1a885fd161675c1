/**
 * PGlite behind Kysely's own PostgreSQL dialect, as a pool of one connection. PGlite is a
 * single session: two transactions sharing it would interleave their statements (a BEGIN inside
 * a BEGIN), so a connection is lent to one caller at a time and the next waits for its release.
 * That is also what makes two imports of one kind and period wait for each other here, as the
 * advisory lock makes them do on a server.
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

export function pglitePool(pg: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve()
  return {
    options: {},
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void
      const turn = new Promise<void>(resolve => release = resolve)
      const before = queue
      queue = before.then(() => turn)
      await before
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
