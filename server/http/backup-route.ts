/**
 * `GET /api/backup` (admin): the same backup as the command line's, streamed. An embedded
 * database is owned by the running service, so this is how it is backed up without stopping it.
 */
import type { FastifyInstance } from 'fastify'
import type { Sessions } from './auth.ts'
import { PassThrough } from 'node:stream'
import { backupTo } from '../store/backup.ts'

export function backupRoute(app: FastifyInstance, sessions: Sessions): void {
  const { db } = sessions
  app.get('/api/backup', async (request, reply) => {
    const who = await sessions.require(request, 'admin')
    const out = new PassThrough()
    backupTo(db, out).then(
      () => request.log.info({ who: who.name }, 'backup'),
      (e: unknown) => {
        // The answer is cut short: a restore refuses a file without its end marker.
        request.log.error({ err: e }, 'backup failed')
        out.destroy(e instanceof Error ? e : new Error(String(e)))
      },
    )
    const stamp = new Date().toISOString().slice(0, 10)
    return reply
      .type('application/gzip')
      .header('Content-Disposition', `attachment; filename="cockpit-backup-${stamp}.jsonl.gz"`)
      .header('Cache-Control', 'no-store')
      .send(out)
  })
}
